package dev.aios.toolpacks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reading text the packs were pointed at (a file inside the roots, or text given inline), refusing
 * binary files and files too large to read whole, and cutting results to a size a model can read.
 */
public final class TextFiles {
    /** The largest file read whole (text tools, data tools): 16 MiB. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private TextFiles() {}

    /**
     * @return the UTF-8 text of {@code file}
     * @throws IllegalArgumentException if it is not a regular file, is larger than {@code maxBytes},
     *     holds NUL bytes or is not valid UTF-8 (a binary file)
     */
    public static String read(Path file, String shown, long maxBytes) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("'" + shown + "' does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + shown + "' is not a file");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new IllegalArgumentException("'" + shown + "' is " + size + " bytes, more than the " + maxBytes
                    + " these tools read whole");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes);
        }
        String text = decode(bytes);
        if (text == null) {
            throw new IllegalArgumentException("'" + shown + "' is a binary file (not UTF-8 text), so it is not read"
                    + " as text");
        }
        return text;
    }

    /** @return whether the start of {@code file} looks like UTF-8 text (no NUL byte, decodes) */
    public static boolean looksLikeText(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            for (byte b : head) {
                if (b == 0) {
                    return false;
                }
            }
            // a multi-byte character cut at 8 KiB is not a reason to call the file binary
            return decode(head) != null || head.length == 8192;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the text, or null when the bytes hold a NUL or are not UTF-8 */
    static @Nullable String decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The text a tool works on: the file named by argument {@code pathArg} (read through
     * {@code roots}) or the inline argument {@code textArg}; exactly one must be given.
     */
    public static Input input(Map<String, Object> args, Roots roots, String pathArg, String textArg)
            throws IOException {
        Object path = args.get(pathArg);
        Object text = args.get(textArg);
        if (path != null && text != null) {
            throw new IllegalArgumentException("give either '" + pathArg + "' or '" + textArg + "', not both");
        }
        if (path == null && text == null) {
            throw new IllegalArgumentException("give '" + pathArg + "' (a file) or '" + textArg + "' (the text itself)");
        }
        if (text != null) {
            return new Input(Args.text(args, textArg), null, textArg);
        }
        Path file = roots.resolve(Args.string(args, pathArg), Roots.Access.READ);
        String shown = roots.display(file);
        return new Input(read(file, shown, MAX_FILE_BYTES), file, shown);
    }

    /**
     * Text to work on and where it came from.
     *
     * @param text the content
     * @param file the file it was read from; null for inline text
     * @param shown the name to show in results ({@code text} for inline text)
     */
    public record Input(String text, @Nullable Path file, String shown) {}
}
