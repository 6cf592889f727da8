package uk.vda.policy;

/** The answer already worked out for one lower-marked alternative of the document. */
public record AlternativeOutcome(String id, Marking marking, String category, Effect decision,
                                 VettingLevel requiredVetting) {
}
