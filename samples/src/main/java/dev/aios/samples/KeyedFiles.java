package dev.aios.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Files the sample tools write once per {@linkplain dev.aios.api.ToolCall#idempotencyKey()
 * idempotency key}. The key of the call that wrote a file is kept inside the file, written
 * with its content to a temporary file that is then moved over the old one: the effect and the
 * record that it happened are one atomic step, so a process killed at any moment leaves either
 * neither or both, and a tool started later (a fresh process) finds the key by reading the file.
 * A file keeps the keys of the calls that wrote it before too (the newest {@value #KEPT_KEYS}),
 * so a call that was overwritten since is still known.
 *
 * <p>Where the keys go depends on the file: {@link Style#HEADERS} for mail-like files (a line
 * {@code X-Idempotency-Key: ...} at the end of the header block, before the first blank line),
 * {@link Style#MARKDOWN} for documents (a comment line {@code <!-- idempotency-key: ... -->} at
 * the top, invisible when rendered). Only those places are read, so text in a body cannot pose
 * as a key. Keys are written percent-encoded, so any key fits on one line.
 */
public final class KeyedFiles {
    /** How many keys one file remembers. */
    public static final int KEPT_KEYS = 16;

    private static final String HEADER = "X-Idempotency-Key: ";
    private static final String COMMENT_START = "<!-- idempotency-key: ";
    private static final String COMMENT_END = " -->";

    private KeyedFiles() {}

    /** Where a file keeps its keys. */
    public enum Style {
        /** Header lines, at the end of the header block of a mail-like file. */
        HEADERS,
        /** Comment lines at the top of a Markdown file. */
        MARKDOWN
    }

    /**
     * @return whether {@code file} records {@code key}; false if the file does not exist
     * @throws IOException if the file exists but cannot be read
     */
    public static boolean applied(Path file, String key, Style style) throws IOException {
        return keys(file, style).contains(key);
    }

    /**
     * Replaces {@code file} with {@code content} and the keys: {@code key} (if any) and those the
     * old file recorded, atomically.
     *
     * @param content for {@link Style#HEADERS}, header lines, a blank line, then the body
     * @param key the key of the call that writes it; null for a call without one
     */
    public static void write(Path file, String content, @Nullable String key, Style style) throws IOException {
        Set<String> keys = new LinkedHashSet<>(keys(file, style));
        if (key != null) {
            keys.remove(key);
            keys.add(key);
        }
        List<String> kept = new ArrayList<>(keys);
        kept = kept.subList(Math.max(0, kept.size() - KEPT_KEYS), kept.size());
        String text = switch (style) {
            case HEADERS -> {
                int blank = content.indexOf("\n\n");
                String head = blank < 0 ? content.stripTrailing() : content.substring(0, blank);
                String body = blank < 0 ? "" : content.substring(blank + 2);
                StringBuilder b = new StringBuilder(head);
                kept.forEach(k -> b.append('\n').append(HEADER).append(encode(k)));
                yield b.append("\n\n").append(body).toString();
            }
            case MARKDOWN -> {
                StringBuilder b = new StringBuilder();
                kept.forEach(k -> b.append(COMMENT_START).append(encode(k)).append(COMMENT_END).append('\n'));
                // Content that starts like a key line is set apart, so it is never read as one.
                yield b.append(content.startsWith(COMMENT_START) ? "\n" : "").append(content).toString();
            }
        };
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        Files.writeString(temp, text);
        try {
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<String> keys(Path file, Style style) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (style == Style.HEADERS) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.startsWith(HEADER)) {
                    keys.add(decode(line.substring(HEADER.length())));
                }
            } else if (isComment(line)) {
                keys.add(decode(line.substring(COMMENT_START.length(), line.length() - COMMENT_END.length())));
            } else {
                break;
            }
        }
        return keys;
    }

    private static boolean isComment(String line) {
        return line.startsWith(COMMENT_START) && line.endsWith(COMMENT_END)
                && line.length() >= COMMENT_START.length() + COMMENT_END.length();
    }

    /** Percent-encodes every byte outside a few safe ASCII characters, so no key can break its line. */
    static String encode(String key) {
        StringBuilder b = new StringBuilder();
        for (byte x : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~/:#@+=".indexOf(c) >= 0) {
                b.append(c);
            } else {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits(x));
            }
        }
        return b.toString();
    }

    static String decode(String text) {
        byte[] out = new byte[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                    && HexFormat.isHexDigit(text.charAt(i + 2))) {
                out[n++] = (byte) HexFormat.fromHexDigits(text, i + 1, i + 3);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
