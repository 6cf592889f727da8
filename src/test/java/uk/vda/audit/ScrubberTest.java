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
        AuditProperties properties = new AuditProperties(Duration.ofDays(30), "0 0 3 * * *", pseudonymise,
                List.of("personId", "person.id", "people.id"), List.of("name", "fullName"), 128, Duration.ZERO,
                Duration.ofSeconds(5));
        return new Scrubber(json, properties, id -> "p-" + id.length());
    }

    private static JsonNode tree(byte[] json) {
        return JSON.readTree(json);
    }

    @Test
    void anAnswerWithNothingToScrubIsWrittenAsItIs() {
        Map<String, Object> answer = Map.of("decision", "DENY", "alternatives", List.of(Map.of("id", "ctlp-2026-partner")),
                "reasons", List.of(Map.of("rule", "Deny: national vetting below the marking")));

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
        JsonMapper indented = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

        JsonNode scrubbed = tree(scrubber(indented, true).json(Map.of("person", Map.of("id", "emp-0042", "name", "Jo"))));

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
        assertThat(scrubber(JSON, false).mayNeedScrubbing("{\"person\":{\"id\":\"x\"}}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }
}
