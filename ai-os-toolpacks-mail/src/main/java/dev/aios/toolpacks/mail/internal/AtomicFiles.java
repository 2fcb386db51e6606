package dev.aios.toolpacks.mail.internal;

import dev.aios.toolpacks.internal.AtomicWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads bounded files, and replaces them whole through {@link AtomicWrite}. */
final class AtomicFiles {
    /** Calendars and address books beyond this size are refused rather than read into memory. */
    static final long MAX_BYTES = 20L * 1024 * 1024;

    private AtomicFiles() {}

    /** @throws IllegalArgumentException if the file is larger than {@link #MAX_BYTES} */
    static byte[] read(Path file, String shown) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException("'" + shown + "' is " + size + " bytes; at most " + MAX_BYTES
                    + " are read");
        }
        return Files.readAllBytes(file);
    }

    /** Replaces {@code file} whole ({@link AtomicWrite}). */
    static void write(Path file, byte[] bytes) throws IOException {
        AtomicWrite.bytes(file, bytes);
    }
}
