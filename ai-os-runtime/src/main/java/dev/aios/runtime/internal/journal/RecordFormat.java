package dev.aios.runtime.internal.journal;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk format of one run's file (all integers big-endian).
 * <pre>
 * header:  magic "AIOSJRNL" (8) | format version u16 = 1 | reserved u16 = 0
 *          | created: epoch seconds i64, nanos i32 | run id length i32 | run id (UTF-8)
 *          | CRC32C of all the header bytes before it (4)
 * record:  length i32 (bytes after the CRC: 13 + body) | CRC32C of length and the rest (4)
 *          | kind code u8 | at: epoch seconds i64, nanos i32 | body (UTF-8)
 * </pre>
 * Kind codes are fixed ({@link #code}), not enum ordinals, so new kinds never shift old ones.
 * Reading stops at the first record that is incomplete (a torn write), has an impossible length
 * or fails its CRC: everything before it is the log.
 */
final class RecordFormat {
    static final byte[] MAGIC = "AIOSJRNL".getBytes(StandardCharsets.US_ASCII);
    static final short VERSION = 1;
    /** The largest body, in UTF-8 bytes. */
    static final int MAX_BODY_BYTES = 16 << 20;
    static final int RECORD_HEAD = 4 + 4;
    static final int RECORD_FIXED = 1 + 8 + 4;
    private static final int HEADER_FIXED = 8 + 2 + 2 + 8 + 4 + 4;
    private static final int MAX_ID_BYTES = 64 << 10;

    private RecordFormat() {}

    /** A file's header. */
    record Header(String runId, Instant created, int length) {}

    /** What a scan of a file found: its good entries, where they end, and why reading stopped. */
    record Scan(Header header, List<JournalEntry> entries, long goodEnd, long size, @Nullable String stop) {}

    /** The file does not start with a valid header, or holds a record this version cannot read. */
    static final class BadFileException extends IOException {
        private static final long serialVersionUID = 1L;

        BadFileException(String message) {
            super(message);
        }
    }

    static ByteBuffer header(String runId, Instant created) {
        byte[] id = runId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER_FIXED + id.length + 4);
        b.put(MAGIC).putShort(VERSION).putShort((short) 0).putLong(created.getEpochSecond()).putInt(created.getNano())
                .putInt(id.length).put(id);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /**
     * @return the record of {@code entry}, ready to write
     * @throws IllegalArgumentException if its body is over {@link #MAX_BODY_BYTES} in UTF-8, or is
     *     not valid UTF-16 (a lone surrogate would not come back as it went in)
     */
    static ByteBuffer record(JournalEntry entry) {
        String body = entry.body();
        if (body.length() > MAX_BODY_BYTES) {
            throw tooLarge(entry.kind(), body.length() + " characters");
        }
        ByteBuffer utf8;
        try {
            CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            utf8 = encoder.encode(CharBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a journal entry's body (kind " + entry.kind()
                    + ") is not valid text: it holds a lone surrogate, which UTF-8 cannot store", e);
        }
        int n = utf8.remaining();
        if (n > MAX_BODY_BYTES) {
            throw tooLarge(entry.kind(), n + " bytes in UTF-8");
        }
        int length = RECORD_FIXED + n;
        ByteBuffer b = ByteBuffer.allocate(RECORD_HEAD + length);
        b.putInt(length).putInt(0).put(code(entry.kind())).putLong(entry.at().getEpochSecond())
                .putInt(entry.at().getNano()).put(utf8);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 4);
        crc.update(b.array(), RECORD_HEAD, length);
        b.putInt(4, (int) crc.getValue());
        return b.flip();
    }

    private static IllegalArgumentException tooLarge(Kind kind, String size) {
        return new IllegalArgumentException("a journal entry's body (kind " + kind + ") is " + size
                + "; the file journal's limit is " + MAX_BODY_BYTES + " bytes (16 MiB) of UTF-8");
    }

    /** Reads the header only. */
    static Header readHeader(RunFile file) throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(HEADER_FIXED);
        readFully(file, fixed, 0);
        if (fixed.hasRemaining()) {
            throw new BadFileException("the header is incomplete (" + fixed.position() + " bytes)");
        }
        int idLength = fixed.getInt(HEADER_FIXED - 4);
        if (idLength < 0 || idLength > MAX_ID_BYTES) {
            throw new BadFileException("the header's run id length is impossible (" + idLength + ")");
        }
        ByteBuffer all = ByteBuffer.allocate(HEADER_FIXED + idLength + 4);
        readFully(file, all, 0);
        if (all.hasRemaining()) {
            throw new BadFileException("the header is incomplete (" + all.position() + " bytes)");
        }
        return parseHeader(all.array());
    }

    private static Header parseHeader(byte[] bytes) throws BadFileException {
        if (bytes.length < HEADER_FIXED + 4 || !Arrays.equals(bytes, 0, 8, MAGIC, 0, 8)) {
            throw new BadFileException("not a run journal file (no AIOSJRNL magic)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        short version = b.getShort(8);
        if (version != VERSION) {
            throw new BadFileException("format version " + version + " (this version reads " + VERSION
                    + "): written by a newer AI-OS?");
        }
        int idLength = b.getInt(HEADER_FIXED - 4);
        if (idLength < 0 || idLength > MAX_ID_BYTES || bytes.length < HEADER_FIXED + idLength + 4) {
            throw new BadFileException("the header is incomplete");
        }
        int crcAt = HEADER_FIXED + idLength;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, crcAt);
        if ((int) crc.getValue() != b.getInt(crcAt)) {
            throw new BadFileException("the header fails its checksum");
        }
        Instant created = Instant.ofEpochSecond(b.getLong(12), b.getInt(20));
        String id = new String(bytes, HEADER_FIXED, idLength, StandardCharsets.UTF_8);
        return new Header(id, created, crcAt + 4);
    }

    /** Reads the whole file: its header and every good record. */
    static Scan scan(RunFile file) throws IOException {
        long size = file.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new BadFileException("the file is " + size + " bytes, over the 2 GiB a run's log may hold");
        }
        ByteBuffer all = ByteBuffer.allocate((int) size);
        readFully(file, all, 0);
        byte[] bytes = all.array();
        int n = all.position();
        Header header = parseHeader(n == bytes.length ? bytes : Arrays.copyOf(bytes, n));
        List<JournalEntry> entries = new ArrayList<>();
        int at = header.length();
        @Nullable String stop = null;
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, n);
        CRC32C crc = new CRC32C();
        while (at < n) {
            if (n - at < RECORD_HEAD) {
                stop = "an incomplete record header";
                break;
            }
            int length = b.getInt(at);
            if (length < RECORD_FIXED || length > RECORD_FIXED + MAX_BODY_BYTES) {
                stop = "an impossible record length (" + length + ")";
                break;
            }
            if ((long) n - at - RECORD_HEAD < length) {
                stop = "an incomplete record (torn write)";
                break;
            }
            crc.reset();
            crc.update(bytes, at, 4);
            crc.update(bytes, at + RECORD_HEAD, length);
            if ((int) crc.getValue() != b.getInt(at + 4)) {
                stop = "a record that fails its checksum";
                break;
            }
            int p = at + RECORD_HEAD;
            Kind kind = kind(bytes[p]);
            if (kind == null) {
                throw new BadFileException("a record of unknown kind code " + (bytes[p] & 0xff) + " at offset " + at
                        + ": written by a newer AI-OS?");
            }
            Instant when = Instant.ofEpochSecond(b.getLong(p + 1), b.getInt(p + 9));
            String body = new String(bytes, p + RECORD_FIXED, length - RECORD_FIXED, StandardCharsets.UTF_8);
            entries.add(new JournalEntry(kind, body, when));
            at += RECORD_HEAD + length;
        }
        return new Scan(header, entries, at, n, stop);
    }

    private static void readFully(RunFile file, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int r = file.read(dst, at);
            if (r < 0) {
                return;
            }
            at += r;
        }
    }

    static byte code(Kind kind) {
        return switch (kind) {
            case RUN_STARTED -> 1;
            case PLAN -> 2;
            case REFLECTION -> 3;
            case STEP_INTENT -> 4;
            case STEP_OUTCOME -> 5;
            case APPROVAL_REQUESTED -> 6;
            case APPROVAL_DECIDED -> 7;
            case BUDGET -> 8;
            case LEARNED -> 9;
            case RUN_FINISHED -> 10;
        };
    }

    private static @Nullable Kind kind(byte code) {
        return switch (code) {
            case 1 -> Kind.RUN_STARTED;
            case 2 -> Kind.PLAN;
            case 3 -> Kind.REFLECTION;
            case 4 -> Kind.STEP_INTENT;
            case 5 -> Kind.STEP_OUTCOME;
            case 6 -> Kind.APPROVAL_REQUESTED;
            case 7 -> Kind.APPROVAL_DECIDED;
            case 8 -> Kind.BUDGET;
            case 9 -> Kind.LEARNED;
            case 10 -> Kind.RUN_FINISHED;
            default -> null;
        };
    }
}
