package uk.vda.policy;

/**
 * The answer already worked out for one lower-marked alternative of the document; {@code reason} is the message of
 * its deciding DENY reason when it is refused, null otherwise.
 */
public record AlternativeOutcome(
        String id, Marking marking, String category, Effect decision, VettingLevel requiredVetting, String reason) {}
