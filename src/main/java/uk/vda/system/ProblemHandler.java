package uk.vda.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
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

    /**
     * The database is away or too slow (no connection within the pool's timeout, a query past the query timeout,
     * a lost connection): 503 with Retry-After, as when the audit trail cannot be written; the cause is logged,
     * never sent.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Object> databaseUnavailable(Exception e, WebRequest request) {
        log.error("Database unavailable answering {}: {}", request.getDescription(false), e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The database does not answer right now, so the request is refused. Try again shortly.");
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * Every exception that knows its own answer ({@link ErrorResponseException}: invalid requests, 404s, the audit
     * trail or the rules unavailable, ...) is answered with it, as problem+json; a 5xx is logged with its cause.
     */
    @Override
    protected ResponseEntity<Object> handleErrorResponseException(
            ErrorResponseException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error(
                    "{} answering {}: {}", ex.getBody().getTitle(), request.getDescription(false), ex.getMessage(), ex);
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleErrorResponseException(ex, problemHeaders, status, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) throws Exception {
        log.error("Unexpected error answering {}", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not answer; the error has been logged. Nothing was permitted.");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(
                    error.getField(),
                    error.getField() + " " + error.getDefaultMessage(),
                    error.getRejectedValue(),
                    List.of()));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> problems.add(
                        new FieldProblem(error.getObjectName(), error.getDefaultMessage(), null, List.of())));
        problems.sort((a, b) -> a.field().compareTo(b.field()));
        String detail = problems.stream()
                .map(FieldProblem::message)
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return badRequest(detail, problems);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ErrorResponse answer) {
                return ResponseEntity.status(answer.getStatusCode())
                        .headers(answer.getHeaders())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(answer.getBody());
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            List<String> known = u.getKnownPropertyIds() == null
                    ? List.of()
                    : u.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .toList();
            return badRequest(
                    "Unknown field '" + field + "'",
                    List.of(new FieldProblem(
                            field, "'" + u.getPropertyName() + "' is not a field here", u.getPropertyName(), known)));
        }
        if (cause instanceof InvalidFormatException f) {
            String field = path(f);
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                List<String> allowed = Arrays.stream(target.getEnumConstants())
                        .map(Object::toString)
                        .toList();
                return badRequest(
                        "'" + f.getValue() + "' is not an allowed value for " + field,
                        List.of(new FieldProblem(
                                field, "'" + f.getValue() + "' is not one of " + allowed, f.getValue(), allowed)));
            }
            String expected = target == null ? "a valid value" : describe(target);
            return badRequest(
                    "'" + f.getValue() + "' is not " + expected + " (" + field + ")",
                    List.of(new FieldProblem(
                            field, "'" + f.getValue() + "' is not " + expected, f.getValue(), List.of())));
        }
        if (cause instanceof MismatchedInputException m) {
            String field = path(m);
            String expected = m.getTargetType() == null ? "another kind of value" : describe(m.getTargetType());
            return badRequest(
                    field.isEmpty()
                            ? "The request body is empty or not a JSON object"
                            : "Wrong kind of value for " + field + ": expected " + expected,
                    List.of(new FieldProblem(
                            field.isEmpty() ? "(body)" : field, "expected " + expected, null, List.of())));
        }
        if (cause instanceof StreamReadException s
                && s.getOriginalMessage() != null
                && s.getOriginalMessage().startsWith("Duplicate Object property")) {
            String field = s.processor() == null
                    ? "(body)"
                    : pointerPath(s.processor().streamReadContext().pathAsPointer());
            return badRequest(
                    "The field " + field + " is given more than once",
                    List.of(new FieldProblem(field, "given more than once: a field may appear once", null, List.of())));
        }
        if (cause instanceof StreamReadException s) {
            String where = s.getLocation() == null
                    ? ""
                    : " at line " + s.getLocation().getLineNr() + ", column "
                            + s.getLocation().getColumnNr();
            return badRequest(
                    "The request body is not valid JSON" + where,
                    List.of(new FieldProblem("(body)", "malformed JSON" + where, null, List.of())));
        }
        if (cause instanceof JacksonException j) {
            String field = path(j);
            return badRequest(
                    "The value of " + (field.isEmpty() ? "the request" : field) + " cannot be read",
                    List.of(new FieldProblem(
                            field.isEmpty() ? "(body)" : field, j.getOriginalMessage(), null, List.of())));
        }
        return badRequest(
                "The request body is missing or cannot be read as JSON",
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
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(new InvalidRequestException(detail, problems).getBody());
    }
}
