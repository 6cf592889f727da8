package uk.vda.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per client (per address for anonymous callers) on {@code /api/**} and the AuthZEN
 * {@code /access/**}, one bucket for both: {@code burst} requests at once, then {@code ratePerSecond}. Beyond it,
 * 429 with Retry-After. Failed keys draw on the address's bucket too ({@link ApiKeyAuthenticationFilter}).
 */
final class RateLimitFilter extends OncePerRequestFilter {
    private final RateLimiter limiter;
    private final ProblemResponses problems;

    RateLimitFilter(RateLimiter limiter, ProblemResponses problems) {
        this.limiter = limiter;
        this.problems = problems;
    }

    static String address(HttpServletRequest request) {
        return "address:" + request.getRemoteAddr();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !path.startsWith("/access/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String client = auth == null || auth instanceof AnonymousAuthenticationToken
                ? address(request)
                : "client:" + auth.getName();
        long waitSeconds = limiter.take(client);
        if (waitSeconds > 0) {
            tooMany(problems, request, response, waitSeconds);
            return;
        }
        chain.doFilter(request, response);
    }

    static void tooMany(
            ProblemResponses problems, HttpServletRequest request, HttpServletResponse response, long waitSeconds)
            throws IOException {
        problems.write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests",
                "This client has sent more requests than its rate allows; try again in " + waitSeconds + " s.",
                Map.of("Retry-After", Long.toString(waitSeconds)));
    }
}
