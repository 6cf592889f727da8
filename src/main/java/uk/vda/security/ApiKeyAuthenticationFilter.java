package uk.vda.security;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Authenticates the {@code X-API-Key} header. A wrong key is a 401 at once; no key leaves the request anonymous. */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    static final String HEADER = "X-API-Key";
    private final ApiKeyStore keys;
    private final ProblemResponses problems;

    ApiKeyAuthenticationFilter(ApiKeyStore keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented != null) {
            Optional<ApiKeyStore.Client> client;
            try {
                client = keys.authenticate(presented.strip());
            } catch (DataAccessException e) {
                problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Key store unavailable",
                        "The API key cannot be checked right now, so the request is refused. Try again shortly.",
                        Map.of("Retry-After", "5"));
                return;
            }
            if (client.isEmpty()) {
                problems.write(request, response, HttpStatus.UNAUTHORIZED, "Invalid API key",
                        "The " + HEADER + " header does not hold a valid, unrevoked key.", Map.of());
                return;
            }
            ApiKeyStore.Client c = client.get();
            var auth = new UsernamePasswordAuthenticationToken(c.name(), null,
                    c.scopes().stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList());
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }
}
