package uk.vda.ruleset;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the live rule set is kept in step without a restart (where the rules are and how a session runs:
 * {@link uk.vda.engine.RulesProperties}, the same {@code advisor.rules} prefix).
 *
 * @param hotReload           edited files under the rules folder go live once they compile and their tests pass
 * @param followDatabase      several instances on one database: make live what another instance published
 * @param pollMillis          how often the folder (and the database, when followed) is looked at
 * @param warmCopyDelayMillis how long after start-up the first warm copy of the rules is made for reloads
 */
@ConfigurationProperties("advisor.rules")
@Validated
public record ReloadProperties(
        @DefaultValue("true") boolean hotReload,
        @DefaultValue("false") boolean followDatabase,
        @DefaultValue("2000") @Positive long pollMillis,
        @DefaultValue("30000") @PositiveOrZero long warmCopyDelayMillis) {}
