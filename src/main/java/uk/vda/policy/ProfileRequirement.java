package uk.vda.policy;

/**
 * One line of a post's access profile, with what the rules say it needs: national vetting ({@code requires}),
 * force vetting ({@code policeRequires}, NONE when none), and what it would need if access were occasional.
 * A null level means no rule covers the line. {@code needToKnow} is null when the line names no category.
 */
public record ProfileRequirement(int index, Marking marking, Frequency frequency, String category, boolean codeword,
                                 Owner owner, VettingLevel requires, VettingLevel policeRequires,
                                 VettingLevel requiresIfOccasional, Boolean needToKnow) {
}
