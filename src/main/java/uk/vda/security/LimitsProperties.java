package uk.vda.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Protection against oversized requests and request floods.
 *
 * @param maxBodySize       largest request body (413 beyond it)
 * @param maxRosterBodySize largest body for roster uploads, which are bigger by nature
 * @param ratePerSecond     requests per second each client may sustain (429 beyond it)
 * @param burst             requests a client may send at once before the rate applies
 */
@ConfigurationProperties("advisor.limits")
public record LimitsProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("20MB") DataSize maxRosterBodySize,
        @DefaultValue("500") int ratePerSecond,
        @DefaultValue("1000") int burst) {
}
