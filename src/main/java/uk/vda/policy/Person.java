package uk.vda.policy;

import java.util.Set;

/** The person asking to see a document. Roles are names from {@code rules/needtoknow/need-to-know.csv}. */
public record Person(String id, Set<String> roles, Organisation organisation, Set<String> nationalities) {
    public Person {
        roles = Set.copyOf(roles);
        nationalities = Set.copyOf(nationalities);
    }
}
