package dev.aios.testing.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The small side files a crash-test worker leaves for its parent (answered approvals, where a halt fired,
 * takeovers): one line each, forced to disk before the worker goes on, so a kill right after does not lose it.
 */
public final class CrashFiles {
    private CrashFiles() {}

    /**
     * Appends one line (a newline is added) to {@code file}, creating it, and forces it to disk.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void appendForced(Path file, String line) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a side file for the parent's verdict.
     *
     * @return its lines, or none if the file does not exist (no worker wrote one)
     */
    public static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
