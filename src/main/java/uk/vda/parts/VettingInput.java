package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.VettingLevel;

/** One vetting line a person holds or claims. */
@Schema(description = "One vetting line the person holds or claims.")
public record VettingInput(
        @Schema(description = "The vetting level.", requiredMode = Schema.RequiredMode.REQUIRED) @NotNull
        VettingLevel level,

        @Schema(
                description =
                        "Where the clearance stands (see /api/v1/catalogue); which statuses count is the rules' (rules/vetting/clearances.drl).",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        ClearanceStatus status,

        @Schema(description = "Date granted (ISO 8601).") LocalDate grantedOn,

        @Schema(description = "Date the clearance is due for review (ISO 8601).")
        LocalDate reviewDue,

        @Schema(description = "The sponsoring organisation.", example = "Anytown Council")
        String sponsor,

        @Schema(
                description =
                        "For a LAPSED clearance, the date the person left the sponsor (whether it can be transferred is the rules').")
        LocalDate lapsedOn) {}
