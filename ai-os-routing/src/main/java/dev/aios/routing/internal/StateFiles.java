package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a learned state file whole or not at all: to a temporary file beside it, then moved over it. */
final class StateFiles {
    private StateFiles() {}

    /** The body of a state file. */
    @FunctionalInterface
    interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    /**
     * @param what the state in words, for the error message, such as "router state"
     * @param advice what the user can do when the write fails
     * @throws AiOsException (retriable) if the file cannot be written; the old file is then untouched
     */
    static void writeAtomically(Path file, Body body, String what, String advice) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream raw = Files.newOutputStream(temp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw))) {
                body.writeTo(out);
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw AiOsException.retriable("cannot save the " + what + " to " + file + ": " + e.getMessage() + ". " + advice, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the move already consumed it, or the folder went away: nothing left to clean
                }
            }
        }
    }
}
