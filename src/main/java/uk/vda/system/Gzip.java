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
 * path: each thread keeps one {@link Deflater} and resets it before use (once: a reset clears zlib's 64 kB hash
 * table), instead of {@code GZIPOutputStream} setting up and
 * tearing down zlib's state (some 300 kB) per call, and uses the fastest level, which on these records costs about
 * 5% in size. The output is ordinary gzip, read back by {@link GZIPInputStream} like before.
 */
public final class Gzip {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};
    private static final ThreadLocal<Deflater> DEFLATERS =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));

    private Gzip() {}

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
        CRC32 crc = new CRC32();
        crc.update(data);
        writeIntLittleEndian(out, (int) crc.getValue());
        writeIntLittleEndian(out, data.length);
        return out.toByteArray();
    }

    /**
     * A gzip member of {@code head + gap + tail} where head and tail are compressed once and only the gap (an
     * answer's id, say) differs from one use to the next. Deflate allows it: head is compressed and ended with a
     * sync flush (byte-aligned, not the last block), the gap follows as a stored block, and tail is compressed on
     * its own as the last block, referring to nothing before it. Any gzip reader gives back exactly
     * {@code head + gap + tail}; the member is a few dozen bytes larger than compressing the whole at once.
     */
    public static final class Gapped {
        private final byte[] head;
        private final byte[] tail;
        private final byte[] deflatedHead;
        private final byte[] deflatedTail;

        public Gapped(byte[] head, byte[] tail) {
            this.head = head;
            this.tail = tail;
            Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
            try {
                deflater.setInput(head);
                this.deflatedHead = deflate(deflater, head.length, Deflater.SYNC_FLUSH);
                deflater.reset();
                deflater.setInput(tail);
                deflater.finish();
                this.deflatedTail = deflate(deflater, tail.length, Deflater.NO_FLUSH);
            } finally {
                deflater.end();
            }
        }

        private static byte[] deflate(Deflater deflater, int length, int flush) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buffer = new byte[Math.max(512, length + 64)];
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, flush);
                out.write(buffer, 0, n);
                // SYNC_FLUSH is complete once the output did not fill the buffer; the last block once finished
                if (flush == Deflater.SYNC_FLUSH ? n < buffer.length : deflater.finished()) {
                    return out.toByteArray();
                }
            }
        }

        /** The gzip member of head + gap + tail; the gap is at most 65,535 bytes (one stored block). */
        public byte[] with(byte[] gap) {
            if (gap.length > 0xFFFF) {
                throw new IllegalArgumentException("a gap of " + gap.length + " bytes does not fit one stored block");
            }
            byte[] out = new byte[HEADER.length + deflatedHead.length + 5 + gap.length + deflatedTail.length + 8];
            int at = put(out, 0, HEADER);
            at = put(out, at, deflatedHead);
            out[at++] = 0; // a stored block, not the last: BFINAL 0, BTYPE 00, the rest of the byte padding
            out[at++] = (byte) gap.length;
            out[at++] = (byte) (gap.length >>> 8);
            out[at++] = (byte) ~gap.length;
            out[at++] = (byte) (~gap.length >>> 8);
            at = put(out, at, gap);
            at = put(out, at, deflatedTail);
            CRC32 crc = new CRC32();
            crc.update(head);
            crc.update(gap);
            crc.update(tail);
            at = putIntLittleEndian(out, at, (int) crc.getValue());
            putIntLittleEndian(out, at, head.length + gap.length + tail.length);
            return out;
        }

        private static int put(byte[] out, int at, byte[] part) {
            System.arraycopy(part, 0, out, at, part.length);
            return at + part.length;
        }

        private static int putIntLittleEndian(byte[] out, int at, int value) {
            out[at] = (byte) value;
            out[at + 1] = (byte) (value >>> 8);
            out[at + 2] = (byte) (value >>> 16);
            out[at + 3] = (byte) (value >>> 24);
            return at + 4;
        }
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
