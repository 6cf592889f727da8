package uk.vda.decision;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import uk.vda.parts.AccessInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;

/** May this person see this document? */
@Schema(description = "A disclosure question: may this person see this document, with this access?")
public record DecisionRequest(
        @Schema(description = "The person who would see the document.", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        @Valid
        PersonInput person,

        @Schema(description = "The document asked about.", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull @Valid
        DocumentInput document,

        @Schema(
                description =
                        "How the person would handle the document. When absent, the rules assume a frequency and route, and the answer says which.")
        @Valid
        AccessInput access,

        @Schema(
                description = "Date the question is answered for (ISO 8601); defaults to today.",
                example = "2026-11-28")
        LocalDate asOf) {}
