package dev.aios.toolpacks.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every pack's way to write a whole file: into a temporary file beside it, moved into place at
 * the end, so a failure half-way leaves the old file (or none), never a broken one.
 */
public final class AtomicWrite {
    /** What to write, given the temporary file's stream (a POI document's {@code write}, a PDF's {@code save}). */
    @FunctionalInterface
    public interface Content {
        /** Writes the content; the stream is closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicWrite() {}

    /** Writes {@code bytes} to {@code file}, replacing it whole. */
    public static void bytes(Path file, byte[] bytes) throws IOException {
        stream(file, out -> out.write(bytes));
    }

    /** Writes what {@code content} writes to {@code file}, replacing it whole; folders are created. */
    public static void stream(Path file, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
