package uk.vda.policy;

import java.time.LocalDate;
import java.util.Set;

/** The document asked about. {@code scheme} is never null: the request's, or the one inferred from the value. */
public record Document(String id, Marking marking, Scheme scheme, String category, Set<String> caveats,
                       Set<String> descriptors, boolean codeword, Owner owner, LocalDate createdOn) {
    public Document {
        caveats = Set.copyOf(caveats);
        descriptors = Set.copyOf(descriptors);
    }
}
