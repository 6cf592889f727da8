package uk.vda.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI spec (served at {@code /v3/api-docs}, committed as {@code docs/openapi.json}): the API key as a
 * security scheme, so Swagger UI's <em>Authorize</em> sends it, and every error an operation can give, each a
 * {@code Problem}. The errors are added here from what an operation is (keyed, with a body, with a path variable)
 * rather than by hand on every method, so a new endpoint is documented the same way without anyone remembering to.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    /** The name of the security scheme; controllers name it in {@code @SecurityRequirement} with their scope. */
    static final String API_KEY = "apiKey";

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Bean
    OpenAPI advisorOpenApi() {
        return new OpenAPI()
                .info(
                        new Info()
                                .title("Vetting and Disclosure Advisor")
                                .version("v1")
                                .description(
                                        "May this person see this document, and why? What vetting is actually needed? "
                                                + "Answers come from the Drools rule set in rules/, edited by policy staff; every answer "
                                                + "names the rules that shaped it and the rule-set version. Every call but the catalogue, "
                                                + "health and AuthZEN discovery sends an API key in X-API-Key; an operation's security "
                                                + "requirement names the scope its key needs. Every error is application/problem+json."))
                // Relative, so the committed spec does not name the port it was generated on, and Swagger UI calls
                // the service it was loaded from.
                .servers(List.of(new Server().url("/").description("The service this spec was fetched from")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        API_KEY,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.APIKEY)
                                                .in(SecurityScheme.In.HEADER)
                                                .name("X-API-Key")
                                                .description(
                                                        "An API key (make one with the admin API or the keys command). "
                                                                + "Each operation's requirement lists the scope the key needs, if any.")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    /** Adds to each operation the error answers it can give; see the class comment. */
    @Bean
    OpenApiCustomizer errorResponses() {
        return openApi -> {
            // Here rather than on the OpenAPI bean: springdoc drops a schema no operation names before the
            // customizers run, and only these error answers name them.
            openApi.getComponents()
                    .addSchemas(PROBLEM, problemSchema())
                    .addSchemas("FieldProblem", fieldProblemSchema());
            List<SecurityRequirement> global = openApi.getSecurity() == null ? List.of() : openApi.getSecurity();
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperations()
                            .forEach(operation -> addErrors(
                                    path,
                                    operation,
                                    operation.getSecurity() == null ? global : operation.getSecurity())));
        };
    }

    private static void addErrors(String path, Operation operation, List<SecurityRequirement> security) {
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean query = parameters.stream().anyMatch(p -> "query".equals(p.getIn()));
        boolean keyed = security.stream().anyMatch(r -> r.containsKey(API_KEY));
        List<String> scopes = security.stream()
                .flatMap(r -> r.getOrDefault(API_KEY, List.of()).stream())
                .toList();
        boolean limited = path.startsWith("/api/") || path.startsWith("/access/");
        boolean located = path.contains("{") || path.contains("**");
        boolean conflicts = path.endsWith("/publish") || path.endsWith("/activate");
        boolean bulky = path.endsWith("/batch") || path.endsWith("/roster");
        boolean costly = bulky || path.equals("/access/v1/evaluations");
        String what = path.endsWith("/roster") ? "roster" : bulky ? "batch" : "Access Evaluations request";

        Map<String, ApiResponse> errors = new TreeMap<>();
        if (body || query) {
            errors.put(
                    "400",
                    problem(
                            "Invalid request: errors names each field, the rejected value and, for fixed "
                                    + "lists, the allowed values. Unknown fields are refused, not ignored.",
                            example(
                                    400,
                                    "Invalid request",
                                    "'PURPLE' is not an allowed value for document.marking",
                                    path,
                                    Map.of(
                                            "type",
                                            "urn:vda:problem:invalid-request",
                                            "errors",
                                            List.of(Map.of(
                                                    "field",
                                                    "document.marking",
                                                    "message",
                                                    "'PURPLE' is not one of [OFFICIAL, SECRET]",
                                                    "rejected",
                                                    "PURPLE",
                                                    "allowed",
                                                    List.of("OFFICIAL", "SECRET")))))));
        }
        if (keyed) {
            errors.put(
                    "401",
                    problem(
                            "No API key in X-API-Key, or one that is not valid or has been revoked.",
                            example(
                                    401,
                                    "API key needed",
                                    "Send an API key in the X-API-Key header.",
                                    path,
                                    Map.of())));
        }
        if (!scopes.isEmpty() && path.endsWith("/candidates")) {
            errors.put(
                    "403",
                    problem(
                            "The key does not have the scope this operation needs: " + String.join(", ", scopes)
                                    + "; or the candidate changes rule code (.drl, .drt), which needs rules:code as "
                                    + "well (type urn:vda:problem:rule-code-scope, codeFiles naming the files).",
                            example(
                                    403,
                                    "Rule code needs the scope rules:code",
                                    "Changing rule code (decision/decision.drl) needs the scope rules:code, held by "
                                            + "administrators; rules:write may change tables (.csv), scenarios (.json) "
                                            + "and notes (.md).",
                                    path,
                                    Map.of(
                                            "type",
                                            "urn:vda:problem:rule-code-scope",
                                            "codeFiles",
                                            List.of("decision/decision.drl"),
                                            "scope",
                                            "rules:code"))));
        } else if (!scopes.isEmpty()) {
            errors.put(
                    "403",
                    problem(
                            "The key does not have the scope this operation needs: " + String.join(", ", scopes) + ".",
                            example(
                                    403,
                                    "Scope missing",
                                    "This API key does not have the scope this endpoint needs.",
                                    path,
                                    Map.of())));
        }
        if (located) {
            errors.put(
                    "404",
                    problem(
                            "Nothing has the id or path asked for.",
                            example(404, "Not Found", "No key has the id 3f2a9c", path, Map.of())));
        }
        if (conflicts) {
            errors.put(
                    "409",
                    problem(
                            "The rule set cannot be made live: it was refused (code the sandbox does not allow, "
                                    + "a table cell of the wrong type, a compile error) or a test fails; failed says "
                                    + "how many.",
                            path.endsWith("/publish")
                                    ? example(
                                            409,
                                            "Rule set cannot be made live",
                                            "This candidate cannot be published: 2 test(s) fail. Only a candidate "
                                                    + "that compiles and passes every test can be published: fix it "
                                                    + "and upload it again.",
                                            path,
                                            Map.of(
                                                    "type",
                                                    "urn:vda:problem:not-publishable",
                                                    "candidate",
                                                    "0190f3a2-7c1e-7d3a-9f1e-2b4c6d8e0a1f",
                                                    "version",
                                                    "3f9a1c2b7d4e",
                                                    "failed",
                                                    2))
                                    : example(
                                            409,
                                            "Rule set cannot be made live",
                                            "The version 3f9a1c2b7d4e cannot be made live: 2 test(s) fail. Only a "
                                                    + "rule set that passes its tests can answer.",
                                            path,
                                            Map.of(
                                                    "type",
                                                    "urn:vda:problem:not-publishable",
                                                    "version",
                                                    "3f9a1c2b7d4e",
                                                    "failed",
                                                    2))));
        }
        if (body && costly) {
            errors.put(
                    "413",
                    problem(
                            "The body is larger than the limit (advisor.limits: " + (bulky ? "20" : "1")
                                    + " MB here), or the request needs "
                                    + "more rule evaluations than one request may (advisor.limits.cost-per-request, 1,000,000: a batch pair "
                                    + "or an Access Evaluation needs one, plus one per lower-marked alternative; a roster person one per "
                                    + "access-profile line); cost and limit say by how much. Send it in parts.",
                            example(
                                    413,
                                    "Request too costly",
                                    "This " + what
                                            + " needs up to 1200000 rule evaluations; one request may need at most 1000000. Send it in parts.",
                                    path,
                                    Map.of(
                                            "type",
                                            "urn:vda:problem:request-too-costly",
                                            "cost",
                                            1200000,
                                            "limit",
                                            1000000))));
        } else if (body) {
            errors.put(
                    "413",
                    problem(
                            "The body is larger than the limit (advisor.limits: 1 MB; rosters and batches 20 MB).",
                            example(
                                    413,
                                    "Request body too large",
                                    "The body is 2097152 bytes; the limit here is 1048576 bytes.",
                                    path,
                                    Map.of())));
        }
        if (body) {
            errors.put(
                    "415",
                    problem(
                            "The body is not of a media type this operation accepts.",
                            example(
                                    415,
                                    "Unsupported Media Type",
                                    "Content-Type 'text/plain' is not supported.",
                                    path,
                                    Map.of())));
        }
        if (limited && costly) {
            errors.put(
                    "429",
                    problem(
                            "More requests than the client's rate allows, or more rule evaluations than the "
                                    + "client has left (advisor.limits.cost-per-second, 5,000 a second, up to cost-burst, 2,000,000, at once; "
                                    + "what the answer cache saves is given back); Retry-After says when to try again.",
                            example(
                                    429,
                                    "Too much work requested",
                                    "This " + what + " needs up to 1000000 rule evaluations and this client "
                                            + "has 250000 left; its allowance is 5000 a second, up to 2000000 at once. Try again in 150 s.",
                                    path,
                                    Map.of(
                                            "type",
                                            "urn:vda:problem:cost-limit",
                                            "cost",
                                            1000000,
                                            "available",
                                            250000,
                                            "limitPerSecond",
                                            5000,
                                            "burst",
                                            2000000))));
        } else if (limited) {
            errors.put(
                    "429",
                    problem(
                            "More requests than the client's rate allows; Retry-After says when to try again.",
                            example(
                                    429,
                                    "Too many requests",
                                    "This client has sent more requests than its rate allows; try again in 1 s.",
                                    path,
                                    Map.of())));
        }
        if (keyed) {
            errors.put(
                    "503",
                    problem(
                            "The key, the audit record or the answer cannot be checked, written or worked out "
                                    + "right now (key store, database or rules unavailable); nothing is answered. Retry-After says when to try again.",
                            example(
                                    503,
                                    "Key store unavailable",
                                    "The API key cannot be checked right now, so the request is refused. "
                                            + "Try again shortly.",
                                    path,
                                    Map.of())));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        errors.forEach(responses::putIfAbsent);
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String description, Map<String, Object> example) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType()
                                        .schema(new Schema<>().$ref(PROBLEM_REF))
                                        .example(example)));
    }

    private static Map<String, Object> example(
            int status, String title, String detail, String path, Map<String, Object> more) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", path);
        example.putAll(more);
        return example;
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An error, as RFC 9457 problem details (application/problem+json).")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("What kind of problem: "
                                        + "urn:vda:problem:invalid-request for bad input, urn:vda:problem:request-too-costly (413) and "
                                        + "urn:vda:problem:cost-limit (429) for work over the cost limits, "
                                        + "urn:vda:problem:rule-code-scope (403) and urn:vda:problem:not-publishable (409) for rule "
                                        + "sets refused, about:blank otherwise."))
                .addProperty("title", new StringSchema().description("The problem in a few words."))
                .addProperty("status", new IntegerSchema().format("int32").description("The HTTP status."))
                .addProperty("detail", new StringSchema().description("What went wrong here, and what to do."))
                .addProperty("instance", new StringSchema().format("uri").description("The path asked."))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
                                .description("For invalid requests (400): each thing wrong with the request, at "
                                        + "most " + InvalidRequestException.LISTED + "."))
                .addProperty(
                        "errorsNotListed",
                        new IntegerSchema()
                                .format("int32")
                                .description("For invalid requests with more problems than errors lists: how many "
                                        + "more there are."));
    }

    private static Schema<?> fieldProblemSchema() {
        return new ObjectSchema()
                .description("One thing wrong with a request.")
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("A JSON path such as person.roles[0], a CSV column as the header names "
                                        + "it, (csv) for a whole CSV row or file, or (body)."))
                .addProperty("message", new StringSchema().description("What is wrong with it."))
                .addProperty("rejected", new Schema<>().description("The value refused, when there is one."))
                .addProperty(
                        "allowed",
                        new ArraySchema().items(new StringSchema()).description("For fixed lists: the allowed values."))
                .addProperty(
                        "row",
                        new IntegerSchema()
                                .format("int32")
                                .description("For CSV uploads: the spreadsheet row (the header is row 1, empty "
                                        + "rows count, a cell with line breaks is still one row)."));
    }
}
