package dev.aios.media;

import static dev.aios.media.VideoFixtures.assertPlayableVideo;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (prints, does not assert) how long a 60-second briefing takes to encode: 6 slides at
 * 1280x720, 60 s of narration and of music, subtitles burned in and as a stream. Opt-in, as it
 * takes a while on a small machine: {@code -Daios.media.measure=true}.
 */
class VideoTimingTest {
    @TempDir
    Path dir;

    @Test
    void aSixtySecondBriefingFromSixSlides() throws IOException {
        assumeThat(Boolean.getBoolean("aios.media.measure")).as("set -Daios.media.measure=true to measure").isTrue();
        VideoFixtures.videoOrSkip();
        Color[] colours = {Color.BLUE, Color.RED, Color.GREEN.darker(), Color.ORANGE, Color.MAGENTA, Color.GRAY};
        VideoSpec.Builder builder = VideoSpec.builder();
        for (int i = 0; i < 6; i++) {
            builder.scene(VideoFixtures.slide(dir, "slide-" + i + ".png", colours[i], "Slide " + (i + 1), 1920, 1080),
                    Duration.ofSeconds(10));
        }
        String script = "Good morning. This is the briefing for today. ".repeat(12);
        VideoSpec base = builder.narration(VideoFixtures.narration(dir, "narration.wav", Duration.ofSeconds(60)))
                .music(VideoFixtures.music(dir, "music.wav", Duration.ofSeconds(60)), 0.25)
                .subtitles(Subtitles.fromNarration(script, Duration.ofSeconds(60))).size(1280, 720).build();
        for (String preset : new String[] {"ultrafast", "veryfast"}) {
            for (int fps : new int[] {15, 25, 10}) {
                VideoSpec spec = new VideoSpec(base.scenes(), base.narration(), base.music(), base.musicVolume(),
                        base.subtitles(), 1280, 720, fps);
                Video video = Video.builder().preset(preset).build();
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                long start = System.nanoTime();
                Path mp4 = video.render(spec, dir.resolve(preset + "-" + fps + ".mp4"), MediaProgress.NONE);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertPlayableVideo(video.probe(mp4), 1280, 720, Duration.ofSeconds(60));
                System.out.printf(Locale.ROOT, "MEASURE preset=%s fps=%d: %d ms, %d KiB, load average before %.2f"
                        + " on %d cores%n", preset, fps, millis, mp4.toFile().length() / 1024, load,
                        Runtime.getRuntime().availableProcessors());
            }
        }
    }
}
