package uk.vda.policy;

import java.time.LocalDate;
import java.util.Set;

/** The document asked about. {@code scheme} is the request's, null when not given: the rules infer it (DocumentScheme). */
public record Document(
        String id,
        Marking marking,
        Scheme scheme,
        String category,
        Set<String> caveats,
        Set<String> descriptors,
        boolean codeword,
        Owner owner,
        LocalDate createdOn) {
    public Document {
        caveats = Set.copyOf(caveats);
        descriptors = Set.copyOf(descriptors);
    }
}
