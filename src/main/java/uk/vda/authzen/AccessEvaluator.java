package uk.vda.authzen;

import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Service;
import org.springframework.validation.DataBinder;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import uk.vda.audit.AuditEntry;
import uk.vda.audit.AuditLog;
import uk.vda.authzen.AccessEvaluationsRequest.Options;
import uk.vda.decision.DecisionRequest;
import uk.vda.decision.DecisionResponse;
import uk.vda.decision.DecisionService;
import uk.vda.policy.Effect;
import uk.vda.security.CostLimiter;
import uk.vda.system.AdvisorMetrics;
import uk.vda.system.FieldProblem;
import uk.vda.system.InvalidFieldException;
import uk.vda.system.InvalidRequestException;

/**
 * Answers AuthZEN evaluations with the native decision. Each evaluation becomes the native request (its
 * subject, resource and action properties converted as JSON into the native person, document and access, so a
 * field added there is taken here too), is checked as the native API checks it, with every problem named by its
 * AuthZEN path, and is answered by the same {@link DecisionService#decide} the native API calls, so the cache,
 * the audit record (kind DECISION, the native request and answer, only the endpoint differs) and the metrics are
 * the native ones.
 */
@Service
class AccessEvaluator {
    static final String PERSON = "person";
    static final String DOCUMENT = "document";
    static final String READ = "read";
    /** What the cost limits' problems call an Access Evaluations request. */
    static final String WHAT = "Access Evaluations request";

    private final DecisionService decisions;
    private final AuditLog audit;
    private final AdvisorMetrics metrics;
    private final JsonMapper json;
    private final SpringValidatorAdapter validator;
    private final AuthZenProperties properties;
    private final CostLimiter costs;

    AccessEvaluator(
            DecisionService decisions,
            AuditLog audit,
            AdvisorMetrics metrics,
            JsonMapper json,
            Validator validator,
            AuthZenProperties properties,
            CostLimiter costs) {
        this.decisions = decisions;
        this.audit = audit;
        this.metrics = metrics;
        this.json = json;
        this.validator = new SpringValidatorAdapter(validator);
        this.properties = properties;
        this.costs = costs;
    }

    /** One evaluation; anything wrong with it is a 400 naming the AuthZEN field. */
    AccessDecision evaluate(AccessEvaluationRequest request, String endpoint) {
        return decide(translate(request, Paths.TOP_LEVEL), endpoint);
    }

    /**
     * Several evaluations, each with the top level's defaults. Every evaluation is checked before any is answered,
     * so a malformed one refuses the whole request (400) before any answer is recorded; then what they may cost is
     * taken from the client's allowance as a decision batch's is (413, 429), and what the cache saved given back.
     * A value only the live rule set can judge (a role, category or caveat it does not know) is found while
     * answering: that evaluation alone is answered {@code false} with the problem as its {@code context.error}, as
     * the spec has errors of single evaluations reported.
     */
    AccessDecision.Evaluations evaluateAll(AccessEvaluationsRequest request, String endpoint) {
        Semantic semantic = Semantic.of(request.options());
        List<AccessEvaluationRequest> evaluations = request.evaluations() == null ? List.of() : request.evaluations();
        if (evaluations.isEmpty()) {
            return AccessDecision.Evaluations.single(evaluate(request.defaults(), endpoint));
        }
        if (evaluations.size() > properties.maxEvaluations()) {
            throw new InvalidFieldException(
                    "evaluations",
                    evaluations.size(),
                    evaluations.size() + " evaluations are more than the " + properties.maxEvaluations()
                            + " one request may hold",
                    List.of());
        }
        List<Question> questions = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < evaluations.size(); i++) {
            AccessEvaluationRequest evaluation = evaluations.get(i);
            if (evaluation == null) {
                problems.add(new FieldProblem(
                        "evaluations[" + i + "]", "evaluations[" + i + "] must be an object", null, List.of()));
                continue;
            }
            try {
                questions.add(translate(evaluation.withDefaults(request.defaults()), Paths.of(i, evaluation)));
            } catch (InvalidRequestException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        // what the evaluations may cost (every one run through the rules) is taken from the client's allowance
        // before any is answered: 413 over the per-request limit, 429 when the client has too little left
        long cost = 0;
        for (Question question : questions) {
            cost += question.request().document().evaluations();
        }
        CostLimiter.Reservation reservation = costs.reserve(WHAT, cost);
        LongAdder ruleEvaluations = new LongAdder();
        LongAdder evaluatedQuestions = new LongAdder();
        int answered = 0;
        List<AccessDecision> answers = new ArrayList<>();
        try {
            for (Question question : questions) {
                AccessDecision answer;
                int needed = question.request().document().evaluations();
                try {
                    answer = decide(question, endpoint, () -> {
                        ruleEvaluations.add(needed);
                        evaluatedQuestions.increment();
                    });
                } catch (InvalidRequestException e) {
                    answer = error(e);
                }
                answered++;
                answers.add(answer);
                if (semantic.stopsAfter(answer.decision())) {
                    break;
                }
            }
        } finally {
            // what the cache saved, and the evaluations a semantic stopped before, go back
            reservation.settle(CostLimiter.cost(ruleEvaluations.sum(), answered - evaluatedQuestions.sum()));
        }
        return AccessDecision.Evaluations.of(answers);
    }

    /** A native request, and where each of its parts came from in the AuthZEN request. */
    record Question(DecisionRequest request, Paths paths) {}

    private AccessDecision decide(Question question, String endpoint) {
        return decide(question, endpoint, null);
    }

    /** {@code evaluated}, when given, runs when the rules ran (the answer was not cached). */
    private AccessDecision decide(Question question, String endpoint, Runnable evaluated) {
        long started = System.nanoTime();
        DecisionRequest request = question.request();
        DecisionResponse response;
        try {
            response = evaluated == null ? decisions.decide(request) : decisions.decide(request, evaluated);
        } catch (InvalidRequestException e) {
            throw question.paths().remap(e);
        }
        // No answer leaves without its record, exactly as on the native API: if this throws, the caller gets 503.
        audit.record(new AuditEntry(
                response.decisionId(),
                "DECISION",
                endpoint,
                request.person().id(),
                request.document().id(),
                response.decision().name(),
                response.ruleSet().version(),
                (System.nanoTime() - started) / 1000,
                request,
                response));
        metrics.decision(response.decision().name(), System.nanoTime() - started);
        return new AccessDecision(response.decision() == Effect.PERMIT, context(response));
    }

    /** The native answer without its PERMIT/DENY, which is the boolean; null members left out, as the spec asks. */
    private ObjectNode context(DecisionResponse response) {
        ObjectNode context = json.valueToTree(response);
        context.remove("decision");
        List<String> empty = new ArrayList<>();
        for (var property : context.properties()) {
            if (property.getValue().isNull()) {
                empty.add(property.getKey());
            }
        }
        context.remove(empty);
        return context;
    }

    private AccessDecision error(InvalidRequestException e) {
        ObjectNode context = json.createObjectNode();
        ObjectNode error = context.putObject("error");
        error.put("status", 400);
        error.put("message", e.getMessage());
        error.set("errors", json.valueToTree(e.problems()));
        return new AccessDecision(false, context);
    }

    /** The AuthZEN evaluation as the native request, or every problem with it, named by its AuthZEN path. */
    private Question translate(AccessEvaluationRequest evaluation, Paths paths) {
        List<FieldProblem> problems = new ArrayList<>();
        AccessEvaluationRequest.Subject subject = evaluation.subject();
        AccessEvaluationRequest.Resource resource = evaluation.resource();
        AccessEvaluationRequest.Action action = evaluation.action();
        if (subject == null) {
            problems.add(missing(paths.subject() + "subject"));
        } else {
            checkType(problems, paths.subject() + "subject.type", subject.type(), PERSON);
            checkId(
                    problems,
                    paths.subject() + "subject",
                    subject.id(),
                    subject.properties() == null ? null : subject.properties().id());
        }
        if (resource == null) {
            problems.add(missing(paths.resource() + "resource"));
        } else {
            checkType(problems, paths.resource() + "resource.type", resource.type(), DOCUMENT);
            checkId(
                    problems,
                    paths.resource() + "resource",
                    resource.id(),
                    resource.properties() == null ? null : resource.properties().id());
        }
        if (action == null) {
            problems.add(missing(paths.action() + "action"));
        } else {
            checkType(problems, paths.action() + "action.name", action.name(), READ);
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        ObjectNode question = json.createObjectNode();
        question.set("person", withId(subject.properties(), subject.id()));
        question.set("document", withId(resource.properties(), resource.id()));
        if (action.properties() != null) {
            question.set("access", json.valueToTree(action.properties()));
        }
        if (evaluation.context() != null && evaluation.context().asOf() != null) {
            question.put("asOf", evaluation.context().asOf().toString());
        }
        DecisionRequest request = json.treeToValue(question, DecisionRequest.class);
        // Bean Validation exactly as @Valid on the native controller runs it, names mapped to the AuthZEN paths.
        DataBinder binder = new DataBinder(request, "request");
        binder.setValidator(validator);
        binder.validate();
        for (FieldError error : binder.getBindingResult().getFieldErrors()) {
            String field = paths.authZen(error.getField());
            problems.add(new FieldProblem(
                    field, field + " " + error.getDefaultMessage(), error.getRejectedValue(), List.of()));
        }
        binder.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> problems.add(
                        new FieldProblem(error.getObjectName(), error.getDefaultMessage(), null, List.of())));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new Question(request, paths);
    }

    /** The properties as the native part's JSON, with the AuthZEN id as its id. Absent properties: an empty part. */
    private JsonNode withId(Object nativePart, String id) {
        ObjectNode node = nativePart == null ? json.createObjectNode() : json.valueToTree(nativePart);
        node.put("id", id);
        return node;
    }

    private static FieldProblem missing(String field) {
        return new FieldProblem(field, field + " must not be null", null, List.of());
    }

    private static void checkType(List<FieldProblem> problems, String field, String value, String expected) {
        if (value == null) {
            problems.add(missing(field));
        } else if (!value.equals(expected)) {
            problems.add(new FieldProblem(
                    field, "'" + value + "' is not one of [" + expected + "]", value, List.of(expected)));
        }
    }

    /** The spec requires an id; one also given in the properties must be the same, or which is meant is unclear. */
    private static void checkId(List<FieldProblem> problems, String entity, String id, String propertiesId) {
        if (id == null || id.isBlank()) {
            problems.add(new FieldProblem(entity + ".id", entity + ".id must not be blank", id, List.of()));
        } else if (propertiesId != null && !propertiesId.equals(id)) {
            problems.add(new FieldProblem(
                    entity + ".properties.id",
                    "'" + propertiesId + "' differs from " + entity + ".id '" + id + "': give the id once, as " + entity
                            + ".id",
                    propertiesId,
                    List.of()));
        }
    }

    /** As the native API reports several problems: sorted by field, the detail every message in turn. */
    private static InvalidRequestException invalid(List<FieldProblem> problems) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        String detail = sorted.stream()
                .map(FieldProblem::message)
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return new InvalidRequestException(detail, sorted);
    }

    /**
     * Where the subject, resource, action and context of an evaluation came from: "" for the top level (the single
     * evaluation, or a default), {@code evaluations[i].} when the evaluation gave its own.
     */
    record Paths(String subject, String resource, String action, String context) {
        static final Paths TOP_LEVEL = new Paths("", "", "", "");

        static Paths of(int index, AccessEvaluationRequest own) {
            String prefix = "evaluations[" + index + "].";
            return new Paths(
                    own.subject() != null ? prefix : "",
                    own.resource() != null ? prefix : "",
                    own.action() != null ? prefix : "",
                    own.context() != null ? prefix : "");
        }

        /** A native request field as the AuthZEN field it came from: person.roles[0] is subject.properties.roles[0]. */
        String authZen(String nativeField) {
            return mapped(nativeField, "person", subject + "subject.properties")
                    .or(() -> mapped(nativeField, "document", resource + "resource.properties"))
                    .or(() -> mapped(nativeField, "access", action + "action.properties"))
                    .or(() -> mapped(nativeField, "asOf", context + "context.asOf"))
                    .orElse(nativeField);
        }

        private static Optional<String> mapped(String field, String nativeName, String authZenName) {
            if (field.equals(nativeName)) {
                return Optional.of(authZenName);
            }
            if (field.startsWith(nativeName + ".") || field.startsWith(nativeName + "[")) {
                return Optional.of(authZenName + field.substring(nativeName.length()));
            }
            return Optional.empty();
        }

        /** The service's problem, every field named by its AuthZEN path (the detail too). */
        InvalidRequestException remap(InvalidRequestException e) {
            String detail = e.getMessage();
            List<FieldProblem> problems = new ArrayList<>();
            for (FieldProblem problem : e.problems()) {
                String field = authZen(problem.field());
                detail = detail.replace("(" + problem.field() + ")", "(" + field + ")");
                problems.add(new FieldProblem(
                        field, problem.message(), problem.rejected(), problem.allowed(), problem.row()));
            }
            return new InvalidRequestException(detail, problems);
        }
    }

    /** options.evaluations_semantic. */
    enum Semantic {
        EXECUTE_ALL,
        DENY_ON_FIRST_DENY,
        PERMIT_ON_FIRST_PERMIT;

        static final List<String> VALUES =
                Arrays.stream(values()).map(Semantic::value).toList();

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean stopsAfter(boolean decision) {
            return this == DENY_ON_FIRST_DENY && !decision || this == PERMIT_ON_FIRST_PERMIT && decision;
        }

        static Semantic of(Options options) {
            String value = options == null ? null : options.evaluationsSemantic();
            if (value == null) {
                return EXECUTE_ALL;
            }
            return Arrays.stream(values())
                    .filter(s -> s.value().equals(value))
                    .findFirst()
                    .orElseThrow(() -> new InvalidFieldException(
                            "options.evaluations_semantic", value, "'" + value + "' is not one of " + VALUES, VALUES));
        }
    }
}
