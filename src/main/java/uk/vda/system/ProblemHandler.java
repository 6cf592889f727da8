package uk.vda.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import uk.vda.audit.AuditUnavailableException;
import uk.vda.engine.EvaluationException;
import uk.vda.security.PayloadTooLargeException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error is RFC 9457 {@code application/problem+json}: bad input is a 400 that names the field and, for
 * fixed lists, the allowed values; nothing ever answers with a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final URI INVALID = URI.create("urn:vda:problem:invalid-request");

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException e) {
        return badRequest(e.getMessage(), e.problems());
    }

    @ExceptionHandler(AuditUnavailableException.class)
    ResponseEntity<Object> auditUnavailable(AuditUnavailableException e, WebRequest request) {
        log.error("Audit trail unavailable answering {}; refusing to answer", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The answer cannot be recorded in the audit trail, so it is not given. Try again shortly.");
        problem.setTitle("Audit trail unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The database is away or too slow (no connection within the pool's timeout, a query past the query timeout,
     * a lost connection): 503 with Retry-After, as when the audit trail cannot be written; the cause is logged,
     * never sent.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
        log.error("Database unavailable answering {}: {}", request.getDescription(false), e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database does not answer right now, so the request is refused. Try again shortly.");
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(EvaluationException.class)
    ResponseEntity<Object> evaluationFailed(EvaluationException e, WebRequest request) {
        log.error("Rule evaluation failed answering {}", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The rules could not be evaluated, so no answer was given: " + e.getMessage());
        problem.setTitle("Rules could not be evaluated");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) throws Exception {
        log.error("Unexpected error answering {}", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not answer; the error has been logged. Nothing was permitted.");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getField() + " " + error.getDefaultMessage(),
                    error.getRejectedValue(), List.of()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error ->
                problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage(), null, List.of())));
        problems.sort((a, b) -> a.field().compareTo(b.field()));
        String detail = problems.stream().map(FieldProblem::message).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return badRequest(detail, problems);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "The body is larger than the limit here of " + tooLarge.limit() + " bytes.");
                problem.setTitle("Request body too large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return badRequest("Unknown field '" + field + "'", List.of(new FieldProblem(field,
                    "'" + u.getPropertyName() + "' is not a field here", u.getPropertyName(), known)));
        }
        if (cause instanceof InvalidFormatException f) {
            String field = path(f);
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                List<String> allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString).toList();
                return badRequest("'" + f.getValue() + "' is not an allowed value for " + field,
                        List.of(new FieldProblem(field, "'" + f.getValue() + "' is not one of " + allowed,
                                f.getValue(), allowed)));
            }
            String expected = target == null ? "a valid value" : describe(target);
            return badRequest("'" + f.getValue() + "' is not " + expected + " (" + field + ")",
                    List.of(new FieldProblem(field, "'" + f.getValue() + "' is not " + expected, f.getValue(), List.of())));
        }
        if (cause instanceof MismatchedInputException m) {
            String field = path(m);
            String expected = m.getTargetType() == null ? "another kind of value" : describe(m.getTargetType());
            return badRequest(field.isEmpty() ? "The request body is empty or not a JSON object"
                            : "Wrong kind of value for " + field + ": expected " + expected,
                    List.of(new FieldProblem(field.isEmpty() ? "(body)" : field, "expected " + expected, null, List.of())));
        }
        if (cause instanceof StreamReadException s && s.getOriginalMessage() != null
                && s.getOriginalMessage().startsWith("Duplicate Object property")) {
            String field = s.processor() == null ? "(body)" : pointerPath(s.processor().streamReadContext().pathAsPointer());
            return badRequest("The field " + field + " is given more than once",
                    List.of(new FieldProblem(field, "given more than once: a field may appear once", null, List.of())));
        }
        if (cause instanceof StreamReadException s) {
            String where = s.getLocation() == null ? "" : " at line " + s.getLocation().getLineNr() + ", column "
                    + s.getLocation().getColumnNr();
            return badRequest("The request body is not valid JSON" + where,
                    List.of(new FieldProblem("(body)", "malformed JSON" + where, null, List.of())));
        }
        if (cause instanceof JacksonException j) {
            String field = path(j);
            return badRequest("The value of " + (field.isEmpty() ? "the request" : field) + " cannot be read",
                    List.of(new FieldProblem(field.isEmpty() ? "(body)" : field, j.getOriginalMessage(), null, List.of())));
        }
        return badRequest("The request body is missing or cannot be read as JSON",
                List.of(new FieldProblem("(body)", "a JSON request body is required", null, List.of())));
    }

    private static String describe(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "LocalDate" -> DateRange.FORM;
            case "Boolean", "boolean" -> "true or false";
            case "List", "Set", "Collection" -> "a JSON array";
            case "String" -> "a string";
            default -> type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants()) : "a JSON object";
        };
    }

    /** {@code /person/vetting/0/level} as {@code person.vetting[0].level}, the form every other error names. */
    private static String pointerPath(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.getMatchingIndex() >= 0) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ResponseEntity<Object> badRequest(String detail, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID);
        problem.setTitle("Invalid request");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("errors", problems);
        problem.setProperties(properties);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
