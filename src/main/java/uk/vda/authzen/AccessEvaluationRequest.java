package uk.vda.authzen;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import uk.vda.parts.AccessInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;

/**
 * An AuthZEN Access Evaluation request (Authorization API 1.0, section 6.1). The spec's own members are read and
 * anything else beside them is ignored, as the spec requires of a receiver; each {@code properties} object is the
 * native request's part (person, document, access) and is read as strictly as the native API reads it, because a
 * misspelt {@code caveats} or {@code codeword} silently dropped would permit what the rules refuse.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(
        description =
                "AuthZEN Access Evaluation request: may this subject (a person) perform this action (read) on this resource (a document)?")
record AccessEvaluationRequest(
        @Schema(
                description = "The person: type \"person\", id, and the native person fields as properties.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Subject subject,

        @Schema(
                description = "The document: type \"document\", id, and the native document fields as properties.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Resource resource,

        @Schema(
                description = "The action: name \"read\", and the native access fields (frequency…) as properties.",
                requiredMode = Schema.RequiredMode.REQUIRED)
        Action action,

        @Schema(
                description =
                        "The environment: asOf, the date to answer for (defaults to today); other members are ignored.")
        Context context) {

    /** This evaluation with each member it lacks taken from the defaults (an Access Evaluations request's top level). */
    AccessEvaluationRequest withDefaults(AccessEvaluationRequest defaults) {
        return new AccessEvaluationRequest(
                subject != null ? subject : defaults.subject(),
                resource != null ? resource : defaults.resource(),
                action != null ? action : defaults.action(),
                context != null ? context : defaults.context());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "AuthZEN Subject: the person who would see the document.")
    record Subject(
            @Schema(description = "Always \"person\".", example = "person")
            String type,

            @Schema(
                    description = "The caller's identifier for the person (the native person.id).",
                    example = "la-ce-anytown")
            String id,

            @Schema(description = "The native person fields: roles, organisation, nationalities, vetting.")
            PersonInput properties) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "AuthZEN Resource: the document asked about.")
    record Resource(
            @Schema(description = "Always \"document\".", example = "document")
            String type,

            @Schema(
                    description = "The caller's identifier for the document (the native document.id).",
                    example = "ctlp-anytown-2026")
            String id,

            @Schema(
                    description =
                            "The native document fields: marking, scheme, category, caveats, owner, alternatives…")
            DocumentInput properties) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "AuthZEN Action: what the person would do with the document.")
    record Action(
            @Schema(description = "Always \"read\".", example = "read")
            String name,

            @Schema(
                    description =
                            "The native access fields (frequency…); when absent, the rules assume them and the answer says so.")
            AccessInput properties) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    @Schema(description = "AuthZEN Context: the environment of the question.")
    record Context(
            @Schema(
                    description = "The date the question is answered for (ISO 8601); defaults to today.",
                    example = "2026-11-28")
            LocalDate asOf) {}
}
