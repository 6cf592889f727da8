package uk.vda.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the {@code X-API-Key} header. A wrong key is a 401 at once; no key leaves the request anonymous.
 * A wrong key counts against its address's rate, like an anonymous request: once the address has used its
 * burst, a key that is not already known (the bootstrap key, or one verified in the last 30 s) is refused with
 * 429 before it costs a database lookup, so guessing keys is as slow as any anonymous flood.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    static final String HEADER = "X-API-Key";
    private final ApiKeyStore keys;
    private final RateLimiter limiter;
    private final ProblemResponses problems;

    ApiKeyAuthenticationFilter(ApiKeyStore keys, RateLimiter limiter, ProblemResponses problems) {
        this.keys = keys;
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented != null) {
            String key = presented.strip();
            Optional<ApiKeyStore.Client> client = keys.known(key);
            String address = RateLimitFilter.address(request);
            try {
                if (client.isEmpty()) {
                    long wait = limiter.waitFor(address);
                    if (wait > 0) {
                        RateLimitFilter.tooMany(problems, request, response, wait);
                        return;
                    }
                    client = keys.authenticate(key);
                }
            } catch (DataAccessException e) {
                problems.write(
                        request,
                        response,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "Key store unavailable",
                        "The API key cannot be checked right now, so the request is refused. Try again shortly.",
                        Map.of("Retry-After", "5"));
                return;
            }
            if (client.isEmpty()) {
                limiter.take(address);
                problems.write(
                        request,
                        response,
                        HttpStatus.UNAUTHORIZED,
                        "Invalid API key",
                        "The " + HEADER + " header does not hold a valid, unrevoked key.",
                        Map.of());
                return;
            }
            ApiKeyStore.Client c = client.get();
            var auth = new UsernamePasswordAuthenticationToken(
                    c,
                    null,
                    c.scopes().stream()
                            .map(s -> new SimpleGrantedAuthority(s.authority()))
                            .toList());
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }
}
