package uk.vda.decision;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The answer cache.
 *
 * @param maxEntries most answers kept; 0 turns the cache off, so every question runs the rules
 */
@ConfigurationProperties("advisor.cache")
@Validated
public record CacheProperties(
        @DefaultValue("100000") @PositiveOrZero int maxEntries) {}
