package dev.aios.toolpacks.mail.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads bounded files and replaces them whole (a temporary file beside, then a move). */
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

    /** Writes {@code bytes} to a temporary file in the same folder, then moves it over {@code file}. */
    static void write(Path file, byte[] bytes) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
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
