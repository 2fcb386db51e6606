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

    /** A {@link FileChannel}, with the caller's interrupt status set aside during each call. */
    final class ChannelFile implements RunFile {
        private final FileChannel channel;

        ChannelFile(FileChannel channel) {
            this.channel = channel;
        }

        // A FileChannel closes itself when a thread is interrupted in one of its calls, which would
        // fail the log for every thread of the run; a pending interrupt is set aside during the call
        // and restored after (an interrupt that lands inside the call still closes the channel).
        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                return channel.read(dst, position);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                long at = position;
                while (src.hasRemaining()) {
                    at += channel.write(src, at);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void force() throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                channel.force(false);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                channel.truncate(size);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
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
