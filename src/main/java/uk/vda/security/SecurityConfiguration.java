package uk.vda.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Every {@code /api/**} call needs an API key with the right scope, except the catalogue, and so
 * does the AuthZEN door to the decision ({@code /access/v1/**}, scope decide; its discovery document is open);
 * the web pages (static files at {@code /}), Swagger UI, the OpenAPI spec and health are open; metrics need the scope {@code metrics:read}. 401 without a valid key, 403 without the scope, both as
 * problem+json. Filters are made here rather than as beans so that servlet containers and test slices do not
 * register them twice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeyStore keys, LimitsProperties limits, JsonMapper json)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        RateLimiter limiter = new RateLimiter(limits);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h
                        // before the answer, not when it is committed: a HEAD request for a static page never
                        // commits through the filter's wrapper and went out with no security header at all
                        .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        })
                        .addHeaderWriter(SecurityConfiguration::contentSecurityPolicy)
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                        .contentTypeOptions(Customizer.withDefaults())
                        .frameOptions(f -> f.deny()))
                .addFilterBefore(new BodySizeLimitFilter(limits, problems), SecurityContextHolderFilter.class)
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(keys, limiter, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(limiter, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // A streamed answer (batch) finishes on an async dispatch of a request already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/catalogue")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/session")
                        .authenticated()
                        .requestMatchers("/api/v1/decisions/**")
                        .hasAuthority(Scope.DECIDE.authority())
                        // The AuthZEN door to the same decision (uk.vda.authzen): the same scope; its discovery
                        // document is public, as the spec expects enforcement points to read it before they call.
                        .requestMatchers("/access/v1/**")
                        .hasAuthority(Scope.DECIDE.authority())
                        .requestMatchers(HttpMethod.GET, "/.well-known/authzen-configuration")
                        .permitAll()
                        .requestMatchers("/api/v1/vetting-assessments/**")
                        .hasAuthority(Scope.ASSESS.authority())
                        .requestMatchers("/api/v1/audit/**")
                        .hasAuthority(Scope.AUDIT_READ.authority())
                        .requestMatchers("/api/v1/admin/**")
                        .hasAuthority(Scope.ADMIN.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/rule-sets/**")
                        .hasAuthority(Scope.RULES_READ.authority())
                        .requestMatchers("/api/v1/rule-sets/**")
                        .hasAuthority(Scope.RULES_WRITE.authority())
                        // any other API path: a key is needed, and then the answer is 404 (no such endpoint)
                        .requestMatchers("/api/**")
                        .authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasAuthority(Scope.METRICS_READ.authority())
                        .requestMatchers("/actuator/**")
                        .denyAll()
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> problems.write(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "API key needed",
                                "Send an API key in the " + ApiKeyAuthenticationFilter.HEADER + " header.",
                                Map.of()))
                        .accessDeniedHandler((request, response, ex) -> problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "Scope missing",
                                "This API key does not have the scope this endpoint needs.",
                                Map.of())));
        return http.build();
    }

    /**
     * The same Content-Security-Policy on every answer, pages and API alike: only this origin's scripts, styles and
     * images, no plugins, and no framing ({@code frame-ancestors}, which a page's own meta tag cannot set). Swagger
     * UI sets styles inline, so its pages alone may.
     */
    private static void contentSecurityPolicy(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(
                "Content-Security-Policy", request.getRequestURI().startsWith("/swagger-ui") ? SWAGGER_UI_CSP : CSP);
    }

    static final String CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String SWAGGER_UI_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    /**
     * No observation (timer and trace span) of every security filter for every request: nothing reads them, and
     * they cost a measurable share of a decision's CPU (docs/decisions/0011). Requests are still timed as a whole
     * ({@code http.server.requests}) and by the advisor's own metrics.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No user accounts: only API keys. Declared so that Spring Boot neither makes nor prints a password. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
