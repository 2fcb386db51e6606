package dev.aios.service.internal.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the console's token where only its owner can read it. */
final class TokenFile {
    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private TokenFile() {}

    /**
     * Writes {@code token} to {@code file}, replacing it. The file is created with 0600 (a fresh
     * temporary file, then moved into place), so it is never readable by others, not even while
     * it is being written.
     */
    static void write(Path file, String token) {
        Path target = file.toAbsolutePath();
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            if (!posix) {
                log.warn("this file system has no POSIX permissions: protect {} yourself", target);
            }
            Path temporary = Files.createTempFile(dir, ".aios-token", ".tmp", attributes);
            try {
                Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the console token to " + target + ": " + e.getMessage()
                    + "; check the directory exists and is writable, or leave the token file unset", e);
        }
    }
}
