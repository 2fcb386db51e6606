package dev.aios.media;

import dev.aios.media.internal.WavFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.jspecify.annotations.Nullable;

/**
 * WAV utilities for putting narration and music under a video: how long a file lasts, how loud
 * it is, silence of a given length, files joined end to end, and a file padded or cut to an
 * exact length. Everything streams, so ten minutes of audio never sits in memory.
 *
 * <p>Output is always 16-bit PCM WAV, written atomically (a reader never sees half a file, and an
 * output may replace one of the inputs). A missing, non-WAV or corrupt input fails with a
 * {@link MediaException} that names the file.
 */
public final class Audio {
    /** 44.1 kHz, 16-bit, stereo PCM: what rendered music and {@link #silence(Duration, Path)} use. */
    public static final AudioFormat CD_QUALITY = WavFiles.pcm16(44_100f, 2);

    /** The fade-out that {@link #fit} puts on audio it cuts short, so it ends without a click. */
    public static final Duration CUT_FADE = Duration.ofMillis(300);

    private Audio() {}

    /**
     * Reads how long a WAV file plays, from its header.
     *
     * @param wav the file
     * @return how long {@code wav} plays
     * @throws MediaException naming the file when it is missing, not a WAV file, or corrupt
     */
    public static Duration duration(Path wav) {
        Objects.requireNonNull(wav, "wav");
        try (AudioInputStream in = WavFiles.openPcm16(wav)) {
            long frames = in.getFrameLength();
            if (frames == AudioSystem.NOT_SPECIFIED) {
                frames = countFrames(in);
            }
            return seconds(frames / (double) in.getFormat().getFrameRate());
        } catch (IOException e) {
            throw MediaException.failed("could not read the WAV file " + wav + ": " + e.getMessage(), e);
        }
    }

    /**
     * The root mean square of all samples, all channels together: 0 for silence, about 0.707 for
     * a full-scale sine wave, typically 0.05 to 0.3 for speech and music.
     *
     * @param wav the file
     * @return the level, from 0 to 1
     * @throws MediaException naming the file when it is missing, not a WAV file, or corrupt
     */
    public static double rms(Path wav) {
        Objects.requireNonNull(wav, "wav");
        try (AudioInputStream in = WavFiles.openPcm16(wav)) {
            byte[] buffer = new byte[1 << 16];
            double sumOfSquares = 0;
            long samples = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                for (int i = 0; i + 1 < n; i += 2) {
                    double sample = (short) ((buffer[i] & 0xff) | (buffer[i + 1] << 8)) / 32768.0;
                    sumOfSquares += sample * sample;
                }
                samples += n / 2;
            }
            return samples == 0 ? 0 : Math.sqrt(sumOfSquares / samples);
        } catch (IOException e) {
            throw MediaException.failed("could not read the WAV file " + wav + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code length} of silence in {@link #CD_QUALITY}.
     *
     * @param length how long, positive
     * @param wav where to write it
     * @return {@code wav}
     * @throws MediaException when {@code length} is not positive or the file cannot be written
     */
    public static Path silence(Duration length, Path wav) {
        Objects.requireNonNull(wav, "wav");
        long frames = frames(positive(length, "the length of silence"), CD_QUALITY);
        WavFiles.checkFits(CD_QUALITY, frames, "silence of " + length);
        return WavFiles.write(wav, CD_QUALITY, out -> WavFiles.silence(out, CD_QUALITY, frames));
    }

    /**
     * Joins WAV files end to end, in order. Files in another format are converted to the first
     * one's sample rate and channel count (mono narration after stereo music, say); the output is
     * 16-bit PCM.
     *
     * @param wavs the files, in order; at least one
     * @param out where to write the joined audio; may be one of {@code wavs}
     * @return {@code out}
     * @throws MediaException when the list is empty, a file is missing, not a WAV file, corrupt,
     *     or in a format that cannot be converted (the file is named)
     */
    public static Path concat(List<Path> wavs, Path out) {
        Objects.requireNonNull(out, "out");
        if (wavs == null || wavs.isEmpty()) {
            throw MediaException.invalid("concat needs at least one WAV file, got none");
        }
        List<Path> inputs = List.copyOf(wavs);
        AudioFormat format;
        List<Long> lengths = new ArrayList<>();
        try (AudioInputStream first = WavFiles.openPcm16(inputs.getFirst())) {
            format = first.getFormat();
        } catch (IOException e) {
            throw MediaException.failed("could not read the WAV file " + inputs.getFirst() + ": " + e.getMessage(), e);
        }
        // every input is opened once before writing, so a bad one fails before any output exists
        for (Path wav : inputs) {
            try (AudioInputStream in = WavFiles.openAs(wav, format)) {
                lengths.add(in.getFrameLength());
            } catch (IOException e) {
                throw MediaException.failed("could not read the WAV file " + wav + ": " + e.getMessage(), e);
            }
        }
        long total = lengths.stream().mapToLong(l -> Math.max(0, l)).sum();
        WavFiles.checkFits(format, total, "the joined audio");
        return WavFiles.write(out, format, sink -> {
            for (Path wav : inputs) {
                try (AudioInputStream in = WavFiles.openAs(wav, format)) {
                    WavFiles.copy(in, sink, Long.MAX_VALUE / format.getFrameSize(), 0, done -> {});
                }
            }
        });
    }

    /**
     * Makes a copy of {@code wav} that lasts exactly {@code length}: longer audio is cut, with a
     * {@link #CUT_FADE} fade-out at the end; shorter audio is padded with silence. Format (rate,
     * channels) is kept; the output is 16-bit PCM.
     *
     * @param wav the audio to fit
     * @param length how long the result lasts, positive
     * @param out where to write it
     * @return {@code out}, which may be {@code wav} itself
     * @throws MediaException when {@code length} is not positive, or {@code wav} is missing, not a
     *     WAV file or corrupt (the file is named)
     */
    public static Path fit(Path wav, Duration length, Path out) {
        Objects.requireNonNull(wav, "wav");
        Objects.requireNonNull(out, "out");
        Duration wanted = positive(length, "the length to fit to");
        AudioFormat format;
        try (AudioInputStream probe = WavFiles.openPcm16(wav)) {
            format = probe.getFormat();
        } catch (IOException e) {
            throw MediaException.failed("could not read the WAV file " + wav + ": " + e.getMessage(), e);
        }
        long frames = frames(wanted, format);
        WavFiles.checkFits(format, frames, "audio of " + length);
        long fade = Math.min(frames(CUT_FADE, format), frames / 2);
        return WavFiles.write(out, format, sink -> {
            try (AudioInputStream in = WavFiles.openPcm16(wav)) {
                // the fade applies only if the input reaches the cut: copy stops early on a short input
                boolean cut = in.getFrameLength() == AudioSystem.NOT_SPECIFIED || in.getFrameLength() > frames;
                long copied = WavFiles.copy(in, sink, frames, cut ? fade : 0, done -> {});
                WavFiles.silence(sink, format, frames - copied);
            }
        });
    }

    static long frames(Duration length, AudioFormat format) {
        return Math.round(length.toNanos() / 1e9 * format.getFrameRate());
    }

    private static Duration positive(@Nullable Duration length, String what) {
        if (length == null || length.isNegative() || length.isZero()) {
            throw MediaException.invalid(what + " must be positive, got " + length);
        }
        return length;
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static long countFrames(AudioInputStream in) throws IOException {
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            bytes += n;
        }
        return bytes / in.getFormat().getFrameSize();
    }
}
