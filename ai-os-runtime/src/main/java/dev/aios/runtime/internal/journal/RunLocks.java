package dev.aios.runtime.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Ownership of runs: an exclusive lock on the run's sidecar {@code .lock} file, held while its log
 * is open. The operating system drops it when the process dies, kill -9 included.
 *
 * <p>Two traps this class avoids. POSIX record locks (what Java uses on Linux and macOS) belong
 * to the process, and closing any channel on a file drops every lock the process holds on it;
 * so the lock file is opened only by the one who is about to own it (never to read), and a
 * JVM-wide registry answers "owned" for a lock file this JVM holds without opening it again.
 * And a lock file can be deleted (with its run) between our open and our lock: a deleter writes
 * a mark into the lock file before unlinking it, so a locker that finds the mark knows it locked
 * a dead file and tries again with a fresh one.
 */
final class RunLocks {
    private static final Set<Path> HELD = new HashSet<>();

    private RunLocks() {}

    /** A held lock; {@link #release()} gives it up. */
    static final class Held {
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean released;

        private Held(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        /**
         * Marks the lock file dead and deletes it, while still holding it (the run is being
         * deleted): whoever opened it before and locks it after us sees the mark and tries again.
         */
        void deleteFile() throws IOException {
            channel.write(ByteBuffer.wrap(new byte[] {'x'}), 0);
            Files.deleteIfExists(path);
        }

        /** Releases the lock. Idempotent. */
        void release() {
            synchronized (HELD) {
                if (released) {
                    return;
                }
                released = true;
                try {
                    lock.release();
                } catch (IOException | RuntimeException ignored) {
                    // closing the channel releases it too
                }
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing left to do: the lock is gone with the channel
                }
                HELD.remove(path);
            }
        }
    }

    /**
     * Takes the lock on {@code lockFile} (creating it) if nobody holds it.
     *
     * @return the lock, or null if this JVM or another process holds it
     * @throws IOException if the lock file cannot be opened
     */
    static @Nullable Held tryLock(Path lockFile) throws IOException {
        synchronized (HELD) {
            if (HELD.contains(lockFile)) {
                return null;
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held through another channel of this JVM, outside this registry
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                if (lock == null) {
                    channel.close();
                    return null;
                }
                if (live(lockFile, channel)) {
                    HELD.add(lockFile);
                    return new Held(lockFile, channel, lock);
                }
                lock.release();
                channel.close(); // the run was deleted under us: lock the new file
            }
            return null;
        }
    }

    private static boolean live(Path lockFile, FileChannel channel) throws IOException {
        if (channel.size() == 0) {
            return true; // deleters mark a lock file before they unlink it: this one is not dead
        }
        // Ours is marked: unlinked by a delete after we opened it, or left marked by a process that
        // died in the middle of a delete. In the second case the path still names a marked file:
        // unlink it, so the next attempt creates a fresh one.
        try {
            if (Files.size(lockFile) > 0) {
                Files.deleteIfExists(lockFile);
            }
        } catch (NoSuchFileException e) {
            // gone already
        }
        return false;
    }
}
