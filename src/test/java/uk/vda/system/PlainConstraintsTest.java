package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import uk.vda.decision.DecisionRequest;
import uk.vda.parts.AccessInput;
import uk.vda.parts.AlternativeInput;
import uk.vda.parts.DocumentInput;
import uk.vda.parts.PersonInput;
import uk.vda.parts.VettingInput;
import uk.vda.policy.ClearanceStatus;
import uk.vda.policy.Marking;
import uk.vda.policy.Organisation;
import uk.vda.policy.VettingLevel;
import uk.vda.vetting.AssessmentRequest;
import uk.vda.vetting.RosterEntry;

/**
 * The shortcut lets a request skip the validator only when the validator would have found nothing: checked
 * against Hibernate Validator itself on the shipped examples and thousands of mutations of them (each constraint's
 * edge: null, blank, one over and at the size limit, a null element, a broken nested record).
 */
class PlainConstraintsTest {
    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlainConstraints plain = new PlainConstraints(VALIDATOR);

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void shouldCheckEveryRequestRecordWithPlainConstraintsItself() {
        for (Class<?> type : List.of(
                DecisionRequest.class,
                PersonInput.class,
                DocumentInput.class,
                AlternativeInput.class,
                VettingInput.class,
                AccessInput.class,
                AssessmentRequest.class,
                AssessmentRequest.ProfileLine.class,
                RosterEntry.class)) {
            assertThat(plain.knows(type)).as(type.getSimpleName()).isTrue();
        }
    }

    record WithEmail(@Email String address) {}

    record Cascading(@NotNull @Valid WithEmail inner) {}

    record Legacy(@Valid List<WithEmail> items) {}

    @Test
    void shouldLeaveAnyOtherConstraintToTheValidator() {
        assertThat(plain.knows(WithEmail.class)).isFalse();
        assertThat(plain.allHold(new WithEmail("a@b.c"))).isFalse();
        // a cascade into a record the shortcut does not know is the validator's too
        assertThat(plain.allHold(new Cascading(new WithEmail("a@b.c")))).isFalse();
        assertThat(plain.allHold(new Legacy(List.of()))).isFalse();
        assertThat(plain.allHold("not a record")).isFalse();
        assertThat(plain.allHold(null)).isFalse();
    }

    record Sized(
            @Size(min = 2, max = 3) String text,
            @Size(max = 1) List<@NotNull String> items) {}

    @Test
    void shouldAgreeWithTheValidatorAtEverySizeEdge() {
        for (String text : Arrays.asList(null, "", "a", "ab", "abc", "abcd")) {
            List<List<String>> lists = Arrays.asList(null, List.of(), List.of("x"), List.of("x", "y"), nullIn());
            for (List<String> items : lists) {
                Sized value = new Sized(text, items);
                assertThat(plain.allHold(value))
                        .as("%s", value)
                        .isEqualTo(VALIDATOR.validate(value).isEmpty());
            }
        }
    }

    private static List<String> nullIn() {
        return Arrays.asList((String) null);
    }

    @Test
    void shouldAgreeWithTheValidatorOnTheExamplesAndTheirMutations() throws Exception {
        List<DecisionRequest> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("examples", "decisions"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".request.json"))
                    .sorted()
                    .toList()) {
                try {
                    examples.add(JSON.readValue(file.toFile(), DecisionRequest.class));
                } catch (tools.jackson.core.JacksonException unreadable) {
                    // an example of a 400 for JSON that cannot be read: nothing to validate
                }
            }
        }
        assertThat(examples).isNotEmpty();
        Random random = new Random(23);
        int valid = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            DecisionRequest request = examples.get(random.nextInt(examples.size()));
            for (int n = random.nextInt(3); n >= 0; n--) {
                request = mutate(request, random);
            }
            boolean holds = VALIDATOR.validate(request).isEmpty();
            assertThat(plain.allHold(request)).as("%s", request).isEqualTo(holds);
            if (holds) {
                valid++;
            } else {
                refused++;
            }
        }
        assertThat(valid).isGreaterThan(2_000);
        assertThat(refused).isGreaterThan(2_000);
    }

    private static final String[] TEXTS = {
        null, "", " ", "\t", "\u2003", "\u00a0", "\u0000", "x", " x ", "a".repeat(200), "a".repeat(201)
    };

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static <T> List<T> list(Random random, T element, T other) {
        int size = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 10;
            case 2 -> 11;
            case 3 -> 20;
            case 4 -> 21;
            default -> 1 + random.nextInt(3);
        };
        List<T> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(random.nextInt(8) == 0 ? other : element);
        }
        return random.nextInt(10) == 0 ? null : list;
    }

    private static DecisionRequest mutate(DecisionRequest r, Random random) {
        PersonInput p = r.person();
        DocumentInput d = r.document();
        return switch (random.nextInt(10)) {
            case 0 -> new DecisionRequest(random.nextBoolean() ? null : p, d, r.access(), r.asOf());
            case 1 -> new DecisionRequest(p, random.nextBoolean() ? null : d, r.access(), r.asOf());
            case 2 ->
                p == null
                        ? r
                        : new DecisionRequest(
                                new PersonInput(
                                        text(random),
                                        list(random, "LA_CHIEF_EXECUTIVE", null),
                                        random.nextInt(4) == 0 ? null : Organisation.values()[0],
                                        list(random, "GB", null),
                                        p.vetting()),
                                d,
                                r.access(),
                                r.asOf());
            case 3 ->
                p == null
                        ? r
                        : new DecisionRequest(
                                new PersonInput(
                                        p.id(),
                                        p.roles(),
                                        p.organisation(),
                                        p.nationalities(),
                                        list(random, vetting(random), null)),
                                d,
                                r.access(),
                                r.asOf());
            case 4, 5 ->
                d == null
                        ? r
                        : new DecisionRequest(
                                p,
                                new DocumentInput(
                                        text(random),
                                        random.nextInt(4) == 0 ? null : Marking.values()[0],
                                        d.scheme(),
                                        text(random),
                                        list(random, "UK_EYES_ONLY", null),
                                        list(random, "PERSONAL", null),
                                        d.codeword(),
                                        d.owner(),
                                        d.createdOn(),
                                        d.alternatives()),
                                r.access(),
                                r.asOf());
            case 6, 7 ->
                d == null
                        ? r
                        : new DecisionRequest(
                                p, d.with(d.id(), list(random, alternative(random), null)), r.access(), r.asOf());
            case 8 -> new DecisionRequest(p, d, random.nextBoolean() ? null : new AccessInput(null, null), r.asOf());
            default -> r;
        };
    }

    private static VettingInput vetting(Random random) {
        return new VettingInput(
                random.nextInt(5) == 0 ? null : VettingLevel.values()[random.nextInt(VettingLevel.values().length)],
                random.nextInt(5) == 0 ? null : ClearanceStatus.values()[0],
                null,
                null,
                text(random),
                null);
    }

    private static AlternativeInput alternative(Random random) {
        return new AlternativeInput(
                text(random),
                random.nextInt(5) == 0 ? null : Marking.values()[0],
                null,
                text(random),
                list(random, "UK_EYES_ONLY", null),
                null,
                null);
    }
}
