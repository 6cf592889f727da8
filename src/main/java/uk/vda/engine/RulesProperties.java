package uk.vda.engine;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the rules live and how far a session may run.
 *
 * @param path      the rules folder on disk, compiled at start-up
 * @param maxFirings a session that fires more rules than this is stopped and answers DENY (a looping rule)
 * @param compiled   where compiled rule sets are kept, so that a restart (or a version coming back) reads them
 *                   instead of compiling the same files again; none when not set
 */
@ConfigurationProperties("advisor.rules")
public record RulesProperties(
        @DefaultValue("./rules") Path path,
        @DefaultValue("10000") int maxFirings,
        Path compiled) {}
