package uk.vda.authzen;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Echoes an AuthZEN request's {@code X-Request-ID} on its response, as the spec requires of a PDP: set before
 * anything else runs, so refusals written by the security filters (401, 403, 413, 429) carry it too.
 */
@Component
class RequestIdFilter extends OncePerRequestFilter implements Ordered {
    static final String HEADER = "X-Request-ID";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/access/") && !path.startsWith(AuthZenController.CONFIGURATION);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getHeader(HEADER);
        if (id != null) {
            response.setHeader(HEADER, id);
        }
        chain.doFilter(request, response);
    }
}
