package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Checks on audio files made by the tests, through javax.sound's own reader (not the code under
 * test), and test tones written by javax.sound's own writer.
 */
final class AudioChecks {
    /** Below this RMS a file is taken as silent: -46 dBFS, far under speech or music. */
    static final double AUDIBLE_RMS = 0.005;

    private AudioChecks() {}

    /** Fails unless {@code wav} is a WAV file javax.sound reads, with audio clearly above silence. */
    static void assertAudible(Path wav) {
        assertThat(readableLength(wav)).as("length of %s", wav).isPositive();
        assertThat(Audio.rms(wav)).as("RMS of %s", wav).isGreaterThan(AUDIBLE_RMS);
    }

    /** @return the length of {@code wav} as javax.sound reads it; fails when it cannot read it */
    static Duration readableLength(Path wav) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertThat(AudioSystem.getAudioFileFormat(wav.toFile()).getType()).isEqualTo(AudioFileFormat.Type.WAVE);
            long frames = in.getFrameLength();
            long bytes = in.readAllBytes().length;
            assertThat(bytes).as("data bytes of %s match its header", wav)
                    .isEqualTo(frames * in.getFormat().getFrameSize());
            return Duration.ofNanos(Math.round(frames / (double) in.getFormat().getFrameRate() * 1e9));
        } catch (Exception e) {
            throw new AssertionError("javax.sound cannot read " + wav + ": " + e, e);
        }
    }

    /** @return the format of {@code wav} as javax.sound reads it */
    static AudioFormat format(Path wav) {
        try {
            return AudioSystem.getAudioFileFormat(wav.toFile()).getFormat();
        } catch (Exception e) {
            throw new AssertionError("javax.sound cannot read " + wav + ": " + e, e);
        }
    }

    /** Writes a sine tone of {@code amplitude} (0..1) with javax.sound's own WAV writer. */
    static Path sine(Path wav, double hertz, double amplitude, Duration length, float rate, int channels)
            throws IOException {
        int frames = (int) Math.round(length.toMillis() / 1000.0 * rate);
        byte[] pcm = new byte[frames * channels * 2];
        for (int f = 0; f < frames; f++) {
            short s = (short) Math.round(Math.sin(2 * Math.PI * hertz * f / rate) * amplitude * 32767);
            for (int c = 0; c < channels; c++) {
                int i = (f * channels + c) * 2;
                pcm[i] = (byte) s;
                pcm[i + 1] = (byte) (s >> 8);
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames),
                AudioFileFormat.Type.WAVE, wav.toFile());
        return wav;
    }
}
