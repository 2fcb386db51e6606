package dev.aios.media.internal;

import dev.aios.media.MediaException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Writes an output file so that a crash never leaves half of it where the caller looks: the bytes
 * go to a temporary file in the same directory (same file system, so the move is a rename), which
 * is then moved into place atomically. Parent directories are created.
 */
public final class AtomicFiles {

    /** Writes the content of a file to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the temporary file's stream; closed by the caller
         * @throws IOException when writing fails; the temporary file is then removed
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /**
     * Writes {@code file} from {@code content}, replacing any file there.
     *
     * @return {@code file}, absolute
     * @throws MediaException naming the file when it cannot be written
     */
    public static Path write(Path file, Content content) {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // not createTempFile: its owner-only permissions would stay on the finished file; this one gets the umask's
            temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // some file systems cannot rename atomically; a plain replace is the best left
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            return target;
        } catch (IOException e) {
            throw MediaException.failed("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; that failure is the one to report
                }
            }
        }
    }

    /**
     * @return the file name's extension, lower case, without the dot; empty when it has none
     */
    public static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        String text = name.toString();
        int dot = text.lastIndexOf('.');
        return dot < 0 ? "" : text.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
