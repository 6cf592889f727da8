package uk.vda.vetting;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import uk.vda.parts.VettingInput;
import uk.vda.policy.Organisation;
import uk.vda.policy.VettingLevel;
import uk.vda.vetting.AssessmentRequest.ProfileLine;

/** One person of a roster: an assessment request with the caller's id for the person. */
@Schema(description = "One person of a roster: the fields of a single assessment plus personId.")
public record RosterEntry(
        @Schema(description = "The caller's identifier for the person (no names needed).", example = "emp-0042")
        @Size(max = 200, message = "must be at most {max} characters")
        String personId,

        @Schema(description = "The post's role.") String role,

        @Schema(description = "Several roles held together.") @Size(max = 10, message = "must have at most {max} items")
        List<String> roles,

        @Schema(description = "The kind of organisation.") Organisation organisation,

        @Schema(description = "The vetting level about to be requested.")
        VettingLevel requestedVetting,

        @Schema(description = "Vetting already held.") @Size(max = 20, message = "must have at most {max} items")
        List<@Valid VettingInput> held,

        @Schema(description = "What the post handles; the roles' typical profile when absent.")
        @Size(max = 50, message = "must have at most {max} items")
        List<@Valid ProfileLine> accessProfile,

        @Schema(description = "Date assessed for; today when absent.")
        LocalDate asOf) {

    AssessmentRequest toAssessment() {
        return new AssessmentRequest(
                role, roles, organisation, requestedVetting, held, accessProfile, asOf, null, null);
    }
}
