package dev.aios.runtime.internal.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file operations a journal needs, so that tests can put a failing disk behind them. The
 * default, {@link #open}, is a {@link FileChannel}. Not API.
 */
public interface RunFile extends Closeable {

    /** Opens {@code path} on a file channel: read only, or read and write (creating it if absent). */
    interface Opener {
        /**
         * @param path the file
         * @param write whether to open it for writing too (creating it if absent)
         * @return the open file
         * @throws IOException if it cannot be opened
         */
        RunFile open(Path path, boolean write) throws IOException;
    }

    /** The default opener: a {@link FileChannel}. */
    Opener CHANNELS = (path, write) -> new ChannelFile(write
            ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE)
            : FileChannel.open(path, StandardOpenOption.READ));

    /**
     * Reads into {@code dst} from {@code position}.
     *
     * @return bytes read, or -1 at the end of the file
     * @throws IOException if reading failed
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * Writes all of {@code src} at {@code position}.
     *
     * @throws IOException if writing failed (part of it may be written)
     */
    void write(ByteBuffer src, long position) throws IOException;

    /**
     * Forces what was written to storage ({@link FileChannel#force(boolean) force(false)}).
     *
     * @throws IOException if it failed
     */
    void force() throws IOException;

    /**
     * Cuts the file to {@code size} bytes.
     *
     * @throws IOException if it failed
     */
    void truncate(long size) throws IOException;

    /**
     * @return the file's size in bytes
     * @throws IOException if it cannot be read
     */
    long size() throws IOException;

    /** A {@link FileChannel} whose calls no interrupt of the caller can reach. */
    final class ChannelFile implements RunFile {
        private final FileChannel channel;

        ChannelFile(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return uninterruptibly(() -> channel.read(dst, position));
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            uninterruptibly(() -> {
                long at = position;
                while (src.hasRemaining()) {
                    at += channel.write(src, at);
                }
                return null;
            });
        }

        @Override
        public void force() throws IOException {
            uninterruptibly(() -> {
                channel.force(false);
                return null;
            });
        }

        @Override
        public void truncate(long size) throws IOException {
            uninterruptibly(() -> channel.truncate(size));
        }

        /** A channel call. */
        private interface Io<T> {
            T call() throws IOException;
        }

        /**
         * Makes {@code io} on a virtual thread of its own and waits for it, whatever interrupts the
         * caller. A FileChannel closes itself when the thread in one of its calls is interrupted, which
         * would fail the log for every thread of the run; the runtime interrupts a run's steps when it
         * is cancelled or ends, so an interrupt landing mid-write is not rare. The caller's interrupt
         * is kept for it.
         */
        private static <T> T uninterruptibly(Io<T> io) throws IOException {
            Object[] result = new Object[1];
            Throwable[] failure = new Throwable[1];
            Thread worker = Thread.ofVirtual().name("aios-journal-io").start(() -> {
                try {
                    result[0] = io.call();
                } catch (IOException | RuntimeException | Error e) {
                    failure[0] = e;
                }
            });
            boolean interrupted = false;
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            switch (failure[0]) {
                case null -> { }
                case IOException e -> throw e;
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failure[0]);
            }
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
