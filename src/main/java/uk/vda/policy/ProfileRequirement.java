package uk.vda.policy;

/**
 * One line of a post's access profile, with what the rules say it needs: national vetting ({@code requires}),
 * force vetting ({@code policeRequires}, NONE when none), and what it would need if access were occasional.
 * A null level means no rule covers the line. {@code needToKnow} is null when the line names no category.
 * {@code via} is the access route given (null: not given); {@code reducible} says whether the access could be made
 * occasional or served by a lower-marked version (false for work that is the job itself, e.g. intelligence roles).
 */
public record ProfileRequirement(
        int index,
        Marking marking,
        Frequency frequency,
        String category,
        boolean codeword,
        Owner owner,
        VettingLevel requires,
        VettingLevel policeRequires,
        VettingLevel requiresIfOccasional,
        Boolean needToKnow,
        AccessRoute via,
        boolean reducible) {}
