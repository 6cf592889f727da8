package uk.vda.decision;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import uk.vda.parts.AccessInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;

/** Many questions at once: a list of pairs, or every person against every document. */
@Schema(
        description =
                "Either pairs (each a person, a document and an access), or a matrix: people × documents with one access.")
public record BatchRequest(
        @Schema(description = "Questions, each a person and a document (and optionally its own access and date).")
        List<Pair> pairs,

        @Schema(description = "For a matrix: the people.") List<PersonInput> people,

        @Schema(description = "For a matrix: the documents.")
        List<DocumentInput> documents,

        @Schema(
                description =
                        "The access, for a matrix and for pairs that give none; when absent, the rules assume one and each answer says so.")
        AccessInput access,

        @Schema(description = "Date answered for (ISO 8601); today when absent.")
        LocalDate asOf) {

    @Schema(description = "One question of a batch.")
    public record Pair(
            @Schema(description = "The person.") PersonInput person,
            @Schema(description = "The document.") DocumentInput document,

            @Schema(description = "The access; the batch's when absent.")
            AccessInput access,

            @Schema(description = "The date; the batch's when absent.")
            LocalDate asOf) {}
}
