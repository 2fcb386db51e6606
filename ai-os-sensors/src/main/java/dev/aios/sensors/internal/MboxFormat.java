package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mbox files: messages one after another, each starting at a {@code From } line at the start of
 * the file or after a blank line (mboxo and mboxrd; {@code >From} quoting inside bodies is
 * undone). Mail clients append to mbox files, so the checkpoint keeps the offset of the last
 * message and a grown file is read from there: the last message again (it may have been cut off
 * while being written) and whatever follows it.
 */
public final class MboxFormat implements FileFormat {
    private static final Logger LOG = LoggerFactory.getLogger(MboxFormat.class);
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private final @Nullable String onlyFile;

    /** @param onlyFile the one file name to read in the root folder, or null for every file in it */
    public MboxFormat(@Nullable String onlyFile) {
        this.onlyFile = onlyFile;
    }

    @Override
    public String describe() {
        return "mbox file";
    }

    @Override
    public boolean accepts(Path relative) {
        String name = relative.getFileName().toString();
        if (onlyFile != null) {
            return relative.getNameCount() == 1 && name.equals(onlyFile);
        }
        return !name.startsWith(".") && !name.endsWith(".lock") && !name.endsWith(".msf");
    }

    @Override
    public boolean descend(Path relative) {
        return onlyFile == null || relative.toString().isEmpty();
    }

    @Override
    public String read(Path file, @Nullable String previous, Consumer<Observation> sink) throws Exception {
        long offset = parseOffset(previous);
        byte[] bytes = readFrom(file, offset);
        if (offset > 0 && !startsWithFrom(bytes, 0)) {
            // Rewritten rather than appended to (a client compacted it): read it all again;
            // ids are stable, so what was stored before is stored once.
            offset = 0;
            bytes = readFrom(file, 0);
        }
        if (!startsWithFrom(bytes, 0)) {
            throw new MalformedInputException("not an mbox file: it does not start with a 'From ' line");
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < bytes.length; i = nextLine(bytes, i)) {
            if (startsWithFrom(bytes, i) && (i == 0 || blankLineBefore(bytes, i))) {
                starts.add(i);
            }
        }
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        String name = file.getFileName().toString();
        for (int m = 0; m < starts.size(); m++) {
            int start = starts.get(m);
            int end = m + 1 < starts.size() ? starts.get(m + 1) : bytes.length;
            byte[] message = unquote(bytes, nextLine(bytes, start), end);
            try {
                sink.accept(MailParser.parse(message, "mbox:" + name + ":" + digest(message), modified, file.toString()));
            } catch (SinkFailure e) {
                throw e;
            } catch (Exception e) {
                LOG.warn("skipping malformed message {} at byte {} of mbox file {}: {}",
                        m + 1, offset + start, file, e.toString());
            }
        }
        return String.valueOf(offset + starts.get(starts.size() - 1));
    }

    private static long parseOffset(@Nullable String previous) {
        if (previous == null || previous.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(previous);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] readFrom(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset >= size) {
                offset = 0;
            }
            if (size - offset > Integer.MAX_VALUE - 16) {
                throw new IOException("mbox file " + file + " has more than 2 GiB after byte " + offset);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - offset));
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading
            }
            return buffer.array();
        }
    }

    private static boolean startsWithFrom(byte[] bytes, int at) {
        if (at + FROM.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < FROM.length; i++) {
            if (bytes[at + i] != FROM[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean blankLineBefore(byte[] bytes, int at) {
        // at is a line start: the line before is blank if it is just "\n" or "\r\n"
        int i = at - 1; // the '\n' ending the previous line
        if (i >= 1 && bytes[i - 1] == '\r') {
            i--;
        }
        return i == 0 || bytes[i - 1] == '\n';
    }

    private static int nextLine(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    /** Copies one message, turning mboxrd's {@code >From } (and {@code >>From }) back by one level. */
    private static byte[] unquote(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int line = from; line < to; ) {
            int end = Math.min(nextLine(bytes, line), to);
            int gt = line;
            while (gt < end && bytes[gt] == '>') {
                gt++;
            }
            boolean quoted = gt > line && startsWithFrom(bytes, gt);
            int copyFrom = quoted ? line + 1 : line;
            out.write(bytes, copyFrom, end - copyFrom);
            line = end;
        }
        return out.toByteArray();
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
