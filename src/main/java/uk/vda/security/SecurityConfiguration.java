package uk.vda.security;

import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

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
@EnableConfigurationProperties(LimitsProperties.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeyStore keys, LimitsProperties limits, JsonMapper json) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BodySizeLimitFilter(limits, problems), SecurityContextHolderFilter.class)
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(limits, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // A streamed answer (batch) finishes on an async dispatch of a request already authorised.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/catalogue").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/session").authenticated()
                        .requestMatchers("/api/v1/decisions/**").hasAuthority(Scope.DECIDE.authority())
                        // The AuthZEN door to the same decision (uk.vda.authzen): the same scope; its discovery
                        // document is public, as the spec expects enforcement points to read it before they call.
                        .requestMatchers("/access/v1/**").hasAuthority(Scope.DECIDE.authority())
                        .requestMatchers(HttpMethod.GET, "/.well-known/authzen-configuration").permitAll()
                        .requestMatchers("/api/v1/vetting-assessments/**").hasAuthority(Scope.ASSESS.authority())
                        .requestMatchers("/api/v1/audit/**").hasAuthority(Scope.AUDIT_READ.authority())
                        .requestMatchers("/api/v1/admin/**").hasAuthority(Scope.ADMIN.authority())
                        .requestMatchers(HttpMethod.GET, "/api/v1/rule-sets/**").hasAuthority(Scope.RULES_READ.authority())
                        .requestMatchers("/api/v1/rule-sets/**").hasAuthority(Scope.RULES_WRITE.authority())
                        .requestMatchers("/api/**").denyAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAuthority(Scope.METRICS_READ.authority())
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, "API key needed",
                                "Send an API key in the " + ApiKeyAuthenticationFilter.HEADER + " header.", Map.of()))
                        .accessDeniedHandler((request, response, ex) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "Scope missing",
                                "This API key does not have the scope this endpoint needs.", Map.of())));
        return http.build();
    }

    /**
     * No observation (timer and trace span) of every security filter for every request: nothing reads them, and
     * under load they and their wrappers cost about a tenth of a decision's CPU time (docs/performance.md). Requests
     * are still timed as a whole ({@code http.server.requests}) and by the advisor's own metrics.
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
