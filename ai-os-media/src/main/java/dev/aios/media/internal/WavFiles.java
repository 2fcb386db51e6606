package dev.aios.media.internal;

import dev.aios.media.MediaException;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads and writes the WAV files of narration and music: opens one as 16-bit PCM whatever its
 * sample size (so every operation handles one sample layout), converts it to another rate or
 * channel count, and writes one atomically (a temporary file beside the target, then an atomic
 * move), so a reader never sees half a file.
 */
public final class WavFiles {
    /** The largest PCM data a WAV's 32-bit sizes can describe, less the header. */
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36;
    private static final int HEADER_BYTES = 44;

    private WavFiles() {}

    /** Writes PCM bytes (16-bit signed, little-endian, frames interleaved) to a WAV's data chunk. */
    @FunctionalInterface
    public interface PcmBody {
        /**
         * @param out where the PCM data goes; not to be closed
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * @return 16-bit signed little-endian PCM at {@code sampleRate} with {@code channels}, the one
     *     layout this package writes
     */
    public static AudioFormat pcm16(float sampleRate, int channels) {
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, channels, 2 * channels, sampleRate,
                false);
    }

    /**
     * Opens {@code wav} as 16-bit signed little-endian PCM at its own rate and channel count.
     *
     * @throws MediaException naming the file when it is missing, not a WAV file, or corrupt
     */
    public static AudioInputStream openPcm16(Path wav) {
        AudioInputStream in = open(wav);
        AudioFormat source = in.getFormat();
        AudioFormat target = pcm16(source.getSampleRate(), source.getChannels());
        return convert(in, target, wav);
    }

    /**
     * Opens {@code wav} converted to {@code target} (16-bit PCM, any rate and channel count).
     *
     * @throws MediaException naming the file when it cannot be read or converted
     */
    public static AudioInputStream openAs(Path wav, AudioFormat target) {
        AudioInputStream pcm = openPcm16(wav);
        return convert(pcm, target, wav);
    }

    private static AudioInputStream open(Path wav) {
        if (!Files.isRegularFile(wav)) {
            throw MediaException.invalid("no WAV file at " + wav);
        }
        try {
            AudioFileFormat fileFormat = AudioSystem.getAudioFileFormat(wav.toFile());
            if (fileFormat.getType() != AudioFileFormat.Type.WAVE) {
                throw MediaException.invalid(wav + " is a " + fileFormat.getType() + " file, not a WAV file");
            }
            return AudioSystem.getAudioInputStream(wav.toFile());
        } catch (UnsupportedAudioFileException | EOFException e) {
            throw MediaException.invalid(wav + " is not a readable WAV file (" + e.getMessage()
                    + "); give a PCM WAV file such as narration or rendered music");
        } catch (IOException e) {
            throw MediaException.failed("could not read the WAV file " + wav + ": " + e.getMessage(), e);
        }
    }

    private static AudioInputStream convert(AudioInputStream in, AudioFormat target, Path wav) {
        if (in.getFormat().matches(target)) {
            return in;
        }
        try {
            return AudioSystem.getAudioInputStream(target, in);
        } catch (IllegalArgumentException e) {
            closeQuietly(in);
            throw MediaException.invalid(wav + " holds audio as " + in.getFormat() + ", which cannot be converted to "
                    + target + ": " + e.getMessage());
        }
    }

    /**
     * Copies up to {@code frames} frames of 16-bit PCM from {@code in} to {@code out}, fading
     * linearly to silence over the last {@code fadeFrames} of them, so audio cut short ends
     * without a click.
     *
     * @param framesDone told the number of frames copied so far, now and then
     * @return the number of frames copied, fewer than {@code frames} when {@code in} ended first
     */
    public static long copy(AudioInputStream in, OutputStream out, long frames, long fadeFrames,
            LongConsumer framesDone) throws IOException {
        int frameSize = in.getFormat().getFrameSize();
        int channels = in.getFormat().getChannels();
        byte[] buffer = new byte[frameSize * 4096];
        long fadeStart = frames - Math.max(0, Math.min(fadeFrames, frames));
        long done = 0;
        while (done < frames) {
            int want = (int) Math.min(buffer.length, (frames - done) * frameSize);
            int got = in.readNBytes(buffer, 0, want);
            int whole = got - got % frameSize;
            if (whole <= 0) {
                break;
            }
            if (done + whole / frameSize > fadeStart) {
                fade(buffer, whole, channels, done, fadeStart, frames);
            }
            out.write(buffer, 0, whole);
            done += whole / frameSize;
            framesDone.accept(done);
            if (got < want) {
                break;
            }
        }
        return done;
    }

    private static void fade(byte[] pcm, int length, int channels, long firstFrame, long fadeStart, long end) {
        int frameSize = 2 * channels;
        for (int offset = 0; offset < length; offset += frameSize) {
            long frame = firstFrame + offset / frameSize;
            if (frame < fadeStart) {
                continue;
            }
            double gain = (double) (end - frame) / (end - fadeStart);
            for (int c = 0; c < channels; c++) {
                int i = offset + 2 * c;
                int sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
                int scaled = (int) Math.round(sample * gain);
                pcm[i] = (byte) scaled;
                pcm[i + 1] = (byte) (scaled >> 8);
            }
        }
    }

    /** Writes {@code frames} frames of silence. */
    public static void silence(OutputStream out, AudioFormat format, long frames) throws IOException {
        byte[] zeros = new byte[format.getFrameSize() * 4096];
        long bytes = frames * format.getFrameSize();
        while (bytes > 0) {
            int n = (int) Math.min(zeros.length, bytes);
            out.write(zeros, 0, n);
            bytes -= n;
        }
    }

    /**
     * Checks that {@code frames} frames of {@code format} fit in one WAV file.
     *
     * @throws MediaException saying how long is too long
     */
    public static void checkFits(AudioFormat format, long frames, String what) {
        if (frames < 0 || frames * format.getFrameSize() > MAX_DATA_BYTES) {
            throw MediaException.invalid(what + " is too long for one WAV file (4 GiB of audio at most, "
                    + (long) (MAX_DATA_BYTES / format.getFrameSize() / format.getFrameRate()) + " s in " + format
                    + ")");
        }
    }

    /**
     * Writes a WAV file of 16-bit PCM at {@code target} atomically: the body goes to a temporary
     * file beside it, the header's sizes are filled in once the body is done, and the file is
     * moved into place; on failure nothing is left behind and an older file at {@code target}
     * stays as it was.
     *
     * @param format 16-bit signed little-endian PCM, as {@link #pcm16} makes
     * @return {@code target}
     * @throws MediaException naming the file when it cannot be written
     */
    public static Path write(Path target, AudioFormat format, PcmBody body) {
        if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16
                || format.isBigEndian()) {
            throw new IllegalArgumentException("WAV output is 16-bit signed little-endian PCM, not " + format);
        }
        Path temp = AtomicFiles.tempBeside(target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(header(format, 0));
                CountingStream counted = new CountingStream(
                        new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
                body.write(counted);
                counted.flush();
                if (counted.count > MAX_DATA_BYTES) {
                    throw MediaException.invalid(target + " would hold more audio than one WAV file can (4 GiB)");
                }
                // the sizes are known only now; the body was streamed, never held in memory
                channel.write(header(format, counted.count), 0);
            }
            return AtomicFiles.publish(temp, target);
        } catch (IOException e) {
            throw MediaException.failed("could not write the WAV file " + target + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already failing with a clearer message
        }
    }

    private static ByteBuffer header(AudioFormat format, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1); // PCM
        b.putShort((short) format.getChannels());
        b.putInt((int) format.getSampleRate());
        b.putInt((int) format.getSampleRate() * format.getFrameSize());
        b.putShort((short) format.getFrameSize());
        b.putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.flip();
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            // the channel is closed by its owner after the header is patched
            flush();
        }
    }
}
