package uk.vda.decision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * Batches of disclosure questions.
 *
 * @param maxPairs most person-document pairs one batch may ask about (400 beyond it)
 */
@ConfigurationProperties("advisor.batch")
@Validated
public record BatchProperties(@DefaultValue("1000000") @Positive int maxPairs) {
}
