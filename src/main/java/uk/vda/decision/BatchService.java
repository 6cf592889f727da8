package uk.vda.decision;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.parts.AccessInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.ReasonView;
import uk.vda.policy.Effect;
import uk.vda.system.FieldProblem;
import uk.vda.system.Ids;
import uk.vda.system.InvalidRequestException;
import uk.vda.system.RequestChecks;

/**
 * Many disclosure questions in one call, each answered exactly as a single decision would be (through the same
 * rules and cache). All answers are worked out before anything is sent, so that the batch's audit record is
 * written first; the answers are then streamed, so a million pairs never sit in memory as JSON.
 */
@Service
public class BatchService {
    private final DecisionService decisions;
    private final JsonMapper json;
    private final RequestChecks checks;
    private final int maxPairs;

    public BatchService(DecisionService decisions, JsonMapper json, RequestChecks checks,
                        BatchProperties properties) {
        this.decisions = decisions;
        this.json = json;
        this.checks = checks;
        this.maxPairs = properties.maxPairs();
    }

    /** How much of each answer to send. */
    public enum Explain { NONE, SUMMARY, FULL }

    /** One pair's answer, with who and what it was about. */
    record Line(String personId, String documentId, DecisionResponse answer) {
    }

    /** All answers of a batch, ready to record and to stream. */
    public record Answers(String batchId, String ruleSetVersion, List<Line> lines) {
        public long permits() {
            return lines.stream().filter(l -> l.answer().decision() == Effect.PERMIT).count();
        }

        /** A compact record of every outcome, in order, for the audit trail. */
        public List<String> outcomes() {
            return lines.stream().map(l -> l.answer().decision() + ":" + l.answer().requiredVetting()).toList();
        }
    }

    public Answers answer(BatchRequest request) {
        boolean pairs = request.pairs() != null;
        boolean matrix = request.people() != null || request.documents() != null;
        if (pairs == matrix) {
            throw invalid("(body)", "give either pairs, or people and documents");
        }
        long size = pairs ? request.pairs().size()
                : (long) (request.people() == null ? 0 : request.people().size()) * (request.documents() == null ? 0 : request.documents().size());
        if (size == 0) {
            throw invalid(pairs ? "pairs" : "people", "the batch has no pairs");
        }
        if (size > maxPairs) {
            throw invalid(pairs ? "pairs" : "people", "the batch has " + size + " pairs; the limit is " + maxPairs);
        }
        List<Line> lines = new ArrayList<>((int) size);
        if (pairs) {
            for (int i = 0; i < request.pairs().size(); i++) {
                BatchRequest.Pair pair = request.pairs().get(i);
                if (pair == null || pair.person() == null || pair.document() == null) {
                    throw invalid("pairs[" + i + "]", "each pair needs person and document");
                }
                refuseIf(checks.problems(pair.person(), "pairs[" + i + "].person."),
                        checks.problems(pair.document(), "pairs[" + i + "].document."));
                lines.add(line("pairs[" + i + "].", pair.person(), pair.document(),
                        pair.access() != null ? pair.access() : request.access(), pair.asOf() != null ? pair.asOf() : request.asOf()));
            }
        } else {
            // each person and each document once, not once per pair
            for (int p = 0; p < request.people().size(); p++) {
                if (request.people().get(p) != null) {
                    refuseIf(checks.problems(request.people().get(p), "people[" + p + "]."), List.of());
                }
            }
            for (int d = 0; d < request.documents().size(); d++) {
                if (request.documents().get(d) != null) {
                    refuseIf(checks.problems(request.documents().get(d), "documents[" + d + "]."), List.of());
                }
            }
            for (int p = 0; p < request.people().size(); p++) {
                for (int d = 0; d < request.documents().size(); d++) {
                    PersonInput person = request.people().get(p);
                    DocumentInput document = request.documents().get(d);
                    if (person == null || document == null) {
                        throw invalid(person == null ? "people[" + p + "]" : "documents[" + d + "]", "must not be null");
                    }
                    lines.add(line("people[" + p + "]/documents[" + d + "].", person, document, request.access(), request.asOf()));
                }
            }
        }
        return new Answers(Ids.next(), lines.get(0).answer().ruleSet().version(), lines);
    }

    private Line line(String prefix, PersonInput person, DocumentInput document, AccessInput access, LocalDate asOf) {
        if (person.organisation() == null) {
            throw invalid(prefix + "person.organisation", "organisation must not be null");
        }
        if (document.marking() == null) {
            throw invalid(prefix + "document.marking", "marking must not be null");
        }
        try {
            return new Line(person.id(), document.id(), decisions.answer(new DecisionRequest(person, document, access, asOf)));
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(prefix + e.getMessage(), e.problems().stream()
                    .map(p -> new FieldProblem(prefix + p.field(), p.message(), p.rejected(), p.allowed())).toList());
        }
    }

    /** The same limits as a single question (list sizes, nulls in lists): what {@code @Valid} checks there. */
    private static void refuseIf(List<FieldProblem> person, List<FieldProblem> document) {
        if (!person.isEmpty() || !document.isEmpty()) {
            List<FieldProblem> problems = new ArrayList<>(person);
            problems.addAll(document);
            throw new InvalidRequestException(problems.get(0).message(), problems);
        }
    }

    /** Writes the answers as one JSON document, pair by pair. */
    public void write(Answers answers, Explain explain, OutputStream out) throws IOException {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("batchId", answers.batchId());
            g.writeName("ruleSet");
            g.writeStartObject();
            g.writeStringProperty("version", answers.ruleSetVersion());
            g.writeEndObject();
            g.writeNumberProperty("count", answers.lines().size());
            g.writeNumberProperty("permits", answers.permits());
            g.writeStringProperty("explain", explain.name());
            g.writeName("results");
            g.writeStartArray();
            int index = 0;
            for (Line line : answers.lines()) {
                g.writeStartObject();
                g.writeNumberProperty("index", index++);
                g.writeStringProperty("personId", line.personId());
                g.writeStringProperty("documentId", line.documentId());
                g.writeStringProperty("decision", line.answer().decision().name());
                g.writeStringProperty("requiredVetting", line.answer().requiredVetting() == null ? null : line.answer().requiredVetting().name());
                if (explain == Explain.SUMMARY) {
                    g.writeStringProperty("summary", line.answer().summary());
                    g.writeName("reasons");
                    g.writeStartArray();
                    for (ReasonView reason : line.answer().reasons()) {
                        if (reason.effect() != Effect.NOTE) {
                            g.writeString(reason.rule());
                        }
                    }
                    g.writeEndArray();
                } else if (explain == Explain.FULL) {
                    // A cached answer carries the id of the question that first made it, which has no record of
                    // its own here: every answer of a batch is recorded in the batch's record, so it has that id.
                    g.writeName("answer");
                    g.writePOJO(DecisionService.withId(line.answer(), answers.batchId()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(message + " (" + field + ")", List.of(new FieldProblem(field, message, null, List.of())));
    }
}
