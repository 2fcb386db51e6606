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
import org.jspecify.annotations.Nullable;

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
        Path temp = tempBeside(target);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING))) {
                content.writeTo(out);
            }
            return publish(temp, target);
        } catch (IOException e) {
            throw MediaException.failed("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Creates an empty temporary file beside {@code target} (its directory created when missing),
     * for output that is then moved into place with {@link #publish}. Not {@code createTempFile}:
     * its owner-only permissions would stay on the finished file; this one gets the umask's.
     *
     * @return the new, empty file
     * @throws MediaException naming the directory when it cannot be written
     */
    public static Path tempBeside(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
            while (true) {
                Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
                try {
                    return Files.createFile(temp);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // a name another writer holds: draw again
                }
            }
        } catch (IOException e) {
            throw MediaException.failed("cannot write in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves a finished {@code temp} file onto {@code target} in one step (a plain replace on a file
     * system that cannot rename atomically).
     *
     * @return {@code target}
     */
    public static Path publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Deletes {@code file} if it is there, ignoring failure (cleaning up after another failure). */
    public static void deleteQuietly(@Nullable Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the original failure, if any, is the one to report
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
