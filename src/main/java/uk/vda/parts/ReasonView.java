package uk.vda.parts;

import io.swagger.v3.oas.annotations.media.Schema;
import uk.vda.policy.Effect;

/** One rule's part in an answer, as the API gives it. */
@Schema(description = "One rule's part in the answer.")
public record ReasonView(
        @Schema(description = "The rule's stable name.", example = "DenyWithoutNeedToKnow")
        String rule,

        @Schema(description = "PERMIT, DENY or NOTE (explains without deciding).")
        Effect effect,

        @Schema(description = "Plain English a partner can act on, naming things by their catalogue labels.")
        String message,

        @Schema(description = "Where the rule comes from (guidance and the rules/ file and line).")
        String source) {}
