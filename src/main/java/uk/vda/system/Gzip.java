package uk.vda.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * JSON written to and read from gzip, for what the database keeps compressed (audit records, rule-set files).
 *
 * <p>Every answer writes two of these (its request and its answer, a few kB each), so compressing is on the hot
 * path: each thread keeps one {@link Deflater} and resets it, instead of {@code GZIPOutputStream} setting up and
 * tearing down zlib's state (some 300 kB) per call, and uses the fastest level, which on these records costs about
 * 5% in size. The output is ordinary gzip, read back by {@link GZIPInputStream} like before.
 */
public final class Gzip {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};
    private static final ThreadLocal<Deflater> DEFLATERS =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

    private Gzip() {
    }

    public static byte[] json(JsonMapper json, Object value) {
        return gzip(json.writeValueAsBytes(value));
    }

    /** {@code data} as a gzip member (RFC 1952). */
    public static byte[] gzip(byte[] data) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        out.write(HEADER, 0, HEADER.length);
        byte[] buffer = new byte[Math.max(512, Math.min(data.length, 64 * 1024))];
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        deflater.reset();
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLittleEndian(out, (int) crc.getValue());
        writeIntLittleEndian(out, data.length);
        return out.toByteArray();
    }

    private static void writeIntLittleEndian(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    public static byte[] unzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
