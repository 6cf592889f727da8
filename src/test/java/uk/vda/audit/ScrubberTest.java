package uk.vda.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class ScrubberTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Scrubber scrubber(JsonMapper json, boolean pseudonymise) {
        AuditProperties properties = new AuditProperties(
                Duration.ofDays(30),
                "0 0 3 * * *",
                pseudonymise,
                List.of("personId", "person.id", "people.id"),
                List.of("name", "fullName"),
                128,
                Duration.ZERO,
                Duration.ofSeconds(5));
        return new Scrubber(json, properties, id -> "p-" + id.length());
    }

    private static JsonNode tree(byte[] json) {
        return JSON.readTree(json);
    }

    @Test
    void anAnswerWithNothingToScrubIsWrittenAsItIs() {
        Map<String, Object> answer = Map.of(
                "decision",
                "DENY",
                "alternatives",
                List.of(Map.of("id", "ctlp-2026-partner")),
                "reasons",
                List.of(Map.of("rule", "Deny: national vetting below the marking")));

        byte[] written = scrubber(JSON, true).json(answer);

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(JSON.writeValueAsString(answer));
        assertThat(scrubber(JSON, true).mayNeedScrubbing(written)).isFalse();
    }

    @Test
    void aPersonsIdIsPseudonymisedAndNamesDroppedWhereverTheyAre() {
        Map<String, Object> request = Map.of(
                "person", Map.of("id", "emp-0042", "name", "Jo Bloggs", "roles", List.of("ANALYST")),
                "document", Map.of("id", "ctlp-2026", "owner", Map.of("fullName", "A. Officer")),
                "people", List.of(Map.of("id", "emp-1"), Map.of("id", "emp-22")),
                "personId", "emp-333");

        JsonNode scrubbed = tree(scrubber(JSON, true).json(request));

        assertThat(scrubbed.get("person").get("id").asString()).isEqualTo("p-8");
        assertThat(scrubbed.get("person").has("name")).isFalse();
        assertThat(scrubbed.get("person").get("roles").get(0).asString()).isEqualTo("ANALYST");
        assertThat(scrubbed.get("document").get("id").asString()).isEqualTo("ctlp-2026");
        assertThat(scrubbed.get("document").get("owner").has("fullName")).isFalse();
        assertThat(scrubbed.get("people").get(0).get("id").asString()).isEqualTo("p-5");
        assertThat(scrubbed.get("people").get(1).get("id").asString()).isEqualTo("p-6");
        assertThat(scrubbed.get("personId").asString()).isEqualTo("p-7");
    }

    @Test
    void anIndentedMapperIsScrubbedAllTheSame() {
        JsonMapper indented =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

        JsonNode scrubbed =
                tree(scrubber(indented, true).json(Map.of("person", Map.of("id", "emp-0042", "name", "Jo"))));

        assertThat(scrubbed.get("person").get("id").asString()).isEqualTo("p-8");
        assertThat(scrubbed.get("person").has("name")).isFalse();
    }

    @Test
    void aNameInsideAStringValueIsLeftAloneWhileARealOneIsDropped() {
        String note = "copied from {\"name\": \"x\"} and \"person\"";
        Map<String, Object> value = Map.of("note", note, "owner", Map.of("name", "Jo"));

        JsonNode scrubbed = tree(scrubber(JSON, true).json(value));

        assertThat(scrubbed.get("note").asString()).isEqualTo(note);
        assertThat(scrubbed.get("owner").has("name")).isFalse();
    }

    @Test
    void withoutPseudonymisingIdsStayAndNamesAreStillDropped() {
        Map<String, Object> request = Map.of("person", Map.of("id", "emp-0042", "name", "Jo Bloggs"));

        JsonNode scrubbed = tree(scrubber(JSON, false).json(request));

        assertThat(scrubbed.get("person").get("id").asString()).isEqualTo("emp-0042");
        assertThat(scrubbed.get("person").has("name")).isFalse();
        assertThat(scrubber(JSON, false)
                        .mayNeedScrubbing("{\"person\":{\"id\":\"x\"}}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    /**
     * The token-by-token scrub writes exactly what reading the JSON into a tree, editing the tree and writing it
     * again wrote before (the audit trail's content did not change with it): checked on 5,000 random values with
     * the scrubbed names at every depth, in objects and in arrays of arrays, beside numbers of every kind,
     * escapes and non-ASCII text.
     */
    @Test
    void scrubbingTokenByTokenWritesWhatATreeEditedWrote() {
        java.util.Random random = new java.util.Random(17);
        for (boolean pseudonymise : new boolean[] {true, false}) {
            Scrubber scrubber = scrubber(JSON, pseudonymise);
            for (int i = 0; i < 2_500; i++) {
                Object value = randomValue(random, 0);
                byte[] written = JSON.writeValueAsBytes(value);
                byte[] expected = TreeScrub.scrub(JSON, written, pseudonymise);
                assertThat(new String(scrubber.scrub(written), StandardCharsets.UTF_8))
                        .as("value %d: %s", i, new String(written, StandardCharsets.UTF_8))
                        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
                assertThat(scrubber.json(value)).isEqualTo(scrubber.mayNeedScrubbing(written) ? expected : written);
            }
        }
    }

    private static final String[] NAMES = {
        "person", "people", "id", "personId", "name", "fullName", "roles", "document", "x", "é"
    };

    private static Object randomValue(java.util.Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 8 : 11);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextLong();
            case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5 -> new java.math.BigInteger(100, random);
            case 6 -> new java.math.BigDecimal(new java.math.BigInteger(80, random), random.nextInt(30) - 10);
            case 7 -> randomString(random);
            case 8, 9 -> {
                Map<String, Object> object = new java.util.LinkedHashMap<>();
                for (int n = random.nextInt(6); n > 0; n--) {
                    object.put(
                            random.nextInt(4) == 0 ? randomString(random) : NAMES[random.nextInt(NAMES.length)],
                            randomValue(random, depth + 1));
                }
                yield object;
            }
            default -> {
                List<Object> array = new java.util.ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static String randomString(java.util.Random random) {
        String[] parts = {
            "emp-0042", "name", "\"person\"", "Jo \"Bloggs\"", "tab\there", "\u0001", "Zoë", "日本", "😀", ""
        };
        return parts[random.nextInt(parts.length)] + (random.nextBoolean() ? parts[random.nextInt(parts.length)] : "");
    }

    /** How the audit trail was scrubbed before: the JSON read into a tree, edited in place and written again. */
    private static final class TreeScrub {
        private static final List<String> PSEUDONYMISED = List.of("personId", "person.id", "people.id");
        private static final List<String> DROPPED = List.of("name", "fullName");

        static byte[] scrub(JsonMapper json, byte[] written, boolean pseudonymise) {
            JsonNode tree = json.readTree(written);
            scrub(tree, null, pseudonymise);
            return json.writeValueAsBytes(tree);
        }

        private static void scrub(JsonNode node, String parent, boolean pseudonymise) {
            if (node instanceof tools.jackson.databind.node.ObjectNode object) {
                for (String name : DROPPED) {
                    object.remove(name);
                }
                List<String> names = new java.util.ArrayList<>();
                object.propertyNames().forEach(names::add);
                for (String name : names) {
                    JsonNode child = object.get(name);
                    if (pseudonymise
                            && child.isString()
                            && (PSEUDONYMISED.contains(name)
                                    || (parent != null && PSEUDONYMISED.contains(parent + "." + name)))) {
                        object.put(name, "p-" + child.asString().length());
                    } else {
                        scrub(child, name, pseudonymise);
                    }
                }
            } else if (node != null && node.isArray()) {
                for (JsonNode element : node) {
                    scrub(element, parent, pseudonymise);
                }
            }
        }
    }
}
