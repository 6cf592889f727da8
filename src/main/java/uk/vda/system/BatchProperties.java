package uk.vda.system;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How batch work (decision batches, rosters) is worked through ({@link ChunkedWork}): in chunks, each worked out,
 * recorded in the decision log, then sent, so memory holds about two chunks, and a client that goes away is
 * noticed at the next chunk. How big a request may be is a cost limit ({@code advisor.limits.cost-per-request}).
 *
 * @param threads   worker threads all batches and rosters share; 0: one per processor
 * @param chunkTime about how long a chunk takes; chunks grow or shrink to it (at most
 *                  {@value ChunkedWork#MAX_CHUNK} items), so the work stops within about this long of the client
 *                  going away
 * @param streams   how many batches and rosters are answered at once, all clients together; one more is refused
 *                  with 503 and Retry-After before any work. A streamed answer holds a request thread of the server
 *                  for as long as its client takes to read it, so this keeps the server's other threads for
 *                  everyone else however slowly some clients read (keep it well under
 *                  {@code server.tomcat.threads.max})
 */
@ConfigurationProperties("advisor.batch")
@Validated
public record BatchProperties(
        @DefaultValue("0") @PositiveOrZero int threads,
        @DefaultValue("200ms") Duration chunkTime,
        @DefaultValue("4") @Positive int streams) {

    int workers() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
