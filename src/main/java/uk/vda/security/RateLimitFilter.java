package uk.vda.security;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A token bucket per client (per address for anonymous callers) on {@code /api/**} and the AuthZEN
 * {@code /access/**}, one bucket for both: {@code burst} requests at once, then {@code ratePerSecond}. Beyond it,
 * 429 with Retry-After.
 */
final class RateLimitFilter extends OncePerRequestFilter {
    private final double ratePerNano;
    private final double burst;
    private final ProblemResponses problems;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    RateLimitFilter(LimitsProperties limits, ProblemResponses problems) {
        this.ratePerNano = limits.ratePerSecond() / 1e9;
        this.burst = Math.max(1, limits.burst());
        this.problems = problems;
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
        String client = auth == null || auth instanceof AnonymousAuthenticationToken ? "address:" + request.getRemoteAddr()
                : "client:" + auth.getName();
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        long waitSeconds;
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * ratePerNano);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                waitSeconds = 0;
            } else {
                waitSeconds = Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerNano / 1e9));
            }
        }
        if (waitSeconds > 0) {
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                    "This client has sent more requests than its rate allows; try again in " + waitSeconds + " s.",
                    Map.of("Retry-After", Long.toString(waitSeconds)));
            return;
        }
        chain.doFilter(request, response);
    }
}
