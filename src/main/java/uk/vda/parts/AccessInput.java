package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;
import uk.vda.policy.AccessRoute;
import uk.vda.policy.Frequency;

/** How a person would handle a document: how often, and by which route. */
@Schema(description = "How the person would handle the document.")
public record AccessInput(
        @Schema(
                description =
                        "How often the person handles the material (see /api/v1/catalogue for what each value means). When absent, the rules assume one and the answer says so.")
        Frequency frequency,

        @Schema(
                description =
                        "How the person gets at the material (see /api/v1/catalogue for what each value means). When absent, the rules assume one and the answer says so.")
        AccessRoute via) {
    public AccessInput(Frequency frequency) {
        this(frequency, null);
    }
}
