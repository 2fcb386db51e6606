package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Inputs for the video tests, made here (Java2D slides, synthesised WAVs), and checks on outputs. */
final class VideoFixtures {

    private VideoFixtures() {}

    /** @return ffmpeg, or the test is skipped with a message saying how to install it */
    static Video videoOrSkip() {
        assumeThat(Video.available()).as("ffmpeg and ffprobe are not on the PATH; run .ci/debian-install"
                + " (Debian: apt-get install ffmpeg) to run the video tests").isTrue();
        return Video.builder().build();
    }

    /** A slide: a plain colour with a title, {@code width} by {@code height}. */
    static Path slide(Path dir, String name, Color colour, String title, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, height / 10)));
        g.drawString(title, width / 10, height / 4);
        g.dispose();
        Path file = dir.resolve(name);
        ImageIO.write(image, name.endsWith(".jpg") ? "jpg" : "png", file.toFile());
        return file;
    }

    /** Speech-like audio: 16-bit mono at 22,050 Hz (as espeak-ng writes), tone bursts with pauses. */
    static Path narration(Path dir, String name, Duration length) throws IOException {
        return wav(dir.resolve(name), length, 22_050, 1, (t, channel) -> {
            boolean speaking = (t % 1.0) < 0.7;
            return speaking ? 0.5 * Math.sin(2 * Math.PI * 180 * t) * Math.sin(2 * Math.PI * 3 * t) : 0;
        });
    }

    /** Music-like audio: 16-bit stereo at 44,100 Hz, a chord with a slow swell. */
    static Path music(Path dir, String name, Duration length) throws IOException {
        return wav(dir.resolve(name), length, 44_100, 2, (t, channel) -> 0.2
                * (Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * (channel == 0 ? 277 : 330) * t))
                * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.25 * t)));
    }

    interface Signal {
        double at(double seconds, int channel);
    }

    static Path wav(Path file, Duration length, int rate, int channels, Signal signal) throws IOException {
        int frames = (int) (length.toMillis() * rate / 1000);
        ByteBuffer pcm = ByteBuffer.allocate(frames * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                double v = Math.max(-1, Math.min(1, signal.at(i / (double) rate, c)));
                pcm.putShort((short) Math.round(v * 32_000));
            }
        }
        AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /**
     * Checks what every video we make must be: exactly one H.264 video stream of the size asked,
     * exactly one AAC audio stream (a player or site may reject a video without one), and the
     * duration asked to within 5%.
     */
    static void assertPlayableVideo(VideoProbe probe, int width, int height, Duration duration) {
        assertThat(probe.videoStreams()).as("video streams in %s", probe).isEqualTo(1);
        assertThat(probe.videoCodec()).as("video codec").isEqualTo("h264");
        assertThat(probe.audioStreams()).as("audio streams in %s", probe).isEqualTo(1);
        assertThat(probe.audioCodec()).as("audio codec").isEqualTo("aac");
        assertThat(List.of(probe.width(), probe.height())).as("frame size").containsExactly(width, height);
        double expected = duration.toMillis() / 1000.0;
        assertThat(probe.duration().toMillis() / 1000.0).as("duration in seconds")
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(expected * 0.05));
    }
}
