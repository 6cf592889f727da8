package uk.vda.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key for first set-up.
 *
 * @param bootstrapApiKey a key with every scope, for first set-up (environment variable ADVISOR_BOOTSTRAP_API_KEY);
 *                        empty: none, and no key exists until one is made
 */
@ConfigurationProperties("advisor")
public record BootstrapKeyProperties(@DefaultValue("") String bootstrapApiKey) {}
