package uk.vda.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Protection against oversized requests, request floods and requests that cost more work than is fair.
 *
 * @param maxBodySize       largest request body (413 beyond it)
 * @param maxRosterBodySize largest body for roster uploads and batches, which are bigger by nature
 * @param ratePerSecond     requests per second each client may sustain (429 beyond it)
 * @param burst             requests a client may send at once before the rate applies
 * @param costPerRequest    most rule evaluations one request may need (413 beyond it): a batch pair needs one, and
 *                          one more per lower-marked alternative of its document; a roster person one per line
 *                          of the access profile
 * @param costPerSecond     rule evaluations per second each client may sustain (429 beyond it)
 * @param costBurst         rule evaluations a client may use at once before that rate applies
 */
@ConfigurationProperties("advisor.limits")
public record LimitsProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("20MB") DataSize maxRosterBodySize,
        @DefaultValue("500") int ratePerSecond,
        @DefaultValue("1000") int burst,
        @DefaultValue("1000000") long costPerRequest,
        @DefaultValue("5000") long costPerSecond,
        @DefaultValue("2000000") long costBurst) {}
