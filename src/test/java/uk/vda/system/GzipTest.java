package uk.vda.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** What is compressed reads back byte for byte with the JDK's own gzip reader, whatever its size. */
class GzipTest {
    private static byte[] readWithJdk(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void shouldRoundTripEmptySmallLargeAndIncompressibleData() throws IOException {
        byte[] random = new byte[300_000];
        new Random(42).nextBytes(random);
        byte[][] inputs = {
                new byte[0],
                "{\"decision\":\"DENY\"}".getBytes(StandardCharsets.UTF_8),
                "SECRET SECRET OFFICIAL-SENSITIVE ".repeat(20_000).getBytes(StandardCharsets.UTF_8),
                random};
        for (byte[] input : inputs) {
            byte[] gz = Gzip.gzip(input);
            assertThat(readWithJdk(gz)).isEqualTo(input);
            assertThat(Gzip.unzip(gz)).isEqualTo(input);
        }
        // the same thread's compressor is reused: a second round gives the same bytes as the first
        assertThat(Gzip.gzip(inputs[2])).isEqualTo(Gzip.gzip(inputs[2]));
    }

    @Test
    void shouldWriteJsonThatReadsBackAsTheSameTree() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> value = Map.of("person", Map.of("id", "p-1", "roles", List.of("HR_OFFICER")), "n", 3);
        byte[] gz = Gzip.json(json, value);
        assertThat(json.readTree(readWithJdk(gz))).isEqualTo(json.valueToTree(value));
    }
}
