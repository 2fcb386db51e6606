package dev.aios.toolpacks.office.internal;

import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.AtomicWrite;
import dev.aios.toolpacks.internal.Roots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What every documents tool shares: the folders it may read and write, the limits on what it
 * returns, and how it writes a file (whole or not at all).
 *
 * @param roots the folders; default deny
 * @param maxPages how many pages or slides one call reads at most
 * @param maxChars how many characters of document text one result holds at most
 */
public record DocumentAccess(Roots roots, int maxPages, int maxChars) {

    /**
     * Writing a document: a change that can be undone (an earlier version is only replaced when the
     * call says {@code overwrite}), and the same call twice leaves the same file as once.
     */
    static final ToolRisk WRITES = new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true);

    /** The description of the {@code path} argument of a tool that reads. */
    static final String PATH = "the file, relative to the documents folder";

    /** The description of the {@code overwrite} argument. */
    static final String OVERWRITE = "replace the file if it exists (default false: an existing file is an error)";

    /** Writes a document's bytes. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @return the existing regular file that the argument {@code name} points at, inside a root
     * @throws IllegalArgumentException if it is outside the roots, missing, or not a file
     */
    Path existing(Map<String, Object> args, String name) {
        String given = Args.string(args, name);
        Path file = roots.resolve(given, Roots.Access.READ);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("file '" + given + "' (argument '" + name + "') does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + given + "' (argument '" + name + "') is not a file");
        }
        return file;
    }

    /**
     * @param extension what the name must end with ({@code .pdf}), so a reader finds the right program
     * @return the file that the argument {@code name} asks to write, inside a writable root
     * @throws IllegalArgumentException if it is outside the writable roots, has another extension, or
     *     exists and the call did not say {@code overwrite}
     */
    Path target(Map<String, Object> args, String name, String extension) {
        Path file = writable(args, name, extension);
        if (Files.exists(file) && !Args.bool(args, "overwrite", false)) {
            throw new IllegalArgumentException("file '" + Args.string(args, name)
                    + "' exists; pass overwrite: true to replace it");
        }
        return file;
    }

    /**
     * @return the file that the argument {@code name} asks to write or change, inside a writable
     *     root, whether it exists or not
     * @throws IllegalArgumentException if it is outside the writable roots or has another extension
     */
    Path writable(Map<String, Object> args, String name, String extension) {
        String given = Args.string(args, name);
        if (!given.toLowerCase(Locale.ROOT).endsWith(extension)) {
            throw new IllegalArgumentException("argument '" + name + "' must name a " + extension + " file, not '"
                    + given + "'");
        }
        Path file = roots.resolve(given, Roots.Access.WRITE);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("'" + given + "' (argument '" + name + "') is a folder");
        }
        return file;
    }

    /** @return the path as results show it: relative to its root */
    String show(Path real) {
        return roots.display(real);
    }

    /**
     * Writes {@code file} through a temporary file beside it, moved into place at the end, so a
     * failure half-way leaves the old file (or none), never a broken one.
     */
    static void write(Path file, Content content) throws IOException {
        AtomicWrite.stream(file, content::writeTo);
    }

    /**
     * @return the whole-number argument {@code name}, or {@code fallback}; at least {@code min}
     * @throws IllegalArgumentException naming the argument if it is smaller
     */
    static int atLeast(Map<String, Object> args, String name, int min, long fallback) {
        long value = Args.integer(args, name, fallback);
        if (value < min) {
            throw new IllegalArgumentException("argument '" + name + "' must be at least " + min + ", not " + value);
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
