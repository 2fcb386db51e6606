package dev.aios.media;

import static dev.aios.media.VideoFixtures.assertPlayableVideo;
import static dev.aios.media.VideoFixtures.music;
import static dev.aios.media.VideoFixtures.narration;
import static dev.aios.media.VideoFixtures.slide;
import static dev.aios.media.VideoFixtures.videoOrSkip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.media.internal.ExternalProgram;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders real videos with ffmpeg and reads them back with ffprobe; skipped without ffmpeg. */
class VideoTest {
    private static final int W = 640;
    private static final int H = 360;

    @TempDir
    Path dir;

    @Test
    void threeScenesWithNarrationMusicAndSubtitlesMakeOnePlayableVideoWithTheSubtitlesInIt() throws IOException {
        Video video = videoOrSkip();
        // a wide PNG, a portrait JPEG (padded, and another codec than PNG) and a small PNG (scaled up)
        Path one = slide(dir, "one.png", new Color(20, 40, 120), "One", 1600, 900);
        Path two = slide(dir, "two.jpg", new Color(120, 30, 30), "Two", 600, 900);
        Path three = slide(dir, "three.png", new Color(20, 110, 40), "Three", 320, 180);
        List<Subtitle> cues = List.of(new Subtitle(Duration.ofMillis(500), Duration.ofMillis(2000),
                "Burned in and also a stream"), new Subtitle(Duration.ofMillis(4000), Duration.ofMillis(6000), "Two"));
        VideoSpec spec = VideoSpec.builder()
                .scene(one, Duration.ofSeconds(3))
                .scene(two, Duration.ofMillis(2500))
                .scene(three, Duration.ofMillis(1500))
                .narration(narration(dir, "narration.wav", Duration.ofSeconds(6)))
                .music(music(dir, "music.wav", Duration.ofSeconds(7)), 0.3)
                .subtitles(cues)
                .size(W, H)
                .build();
        List<double[]> updates = new ArrayList<>();
        Path mp4 = video.render(spec, dir.resolve("out/briefing.mp4"), (stage, done, total) -> {
            assertThat(stage).isEqualTo("encoding video");
            updates.add(new double[] {done, total});
        });

        VideoProbe probe = video.probe(mp4);
        assertPlayableVideo(probe, W, H, Duration.ofSeconds(7));
        assertThat(probe.subtitleStreams()).as("the mov_text stream").isEqualTo(1);
        assertThat(maxVolumeDb(mp4)).as("the mixed narration and music are heard").isGreaterThan(-20);
        // burned in: the bottom of scene one changes while the first cue shows, and only then
        BufferedImage during = frameAt(mp4, 1.0);
        BufferedImage after = frameAt(mp4, 2.6);
        assertThat(changedPixelsInBottomQuarter(during, after)).as("pixels the burned-in cue changed")
                .isGreaterThan(300);
        assertThat(changedPixelsInTopHalf(during, after)).as("pixels changed away from the subtitle").isLessThan(50);
        // progress: from 0 to the end, never backwards
        assertThat(updates).isNotEmpty();
        assertThat(updates.getLast()).containsExactly(7.0, 7.0);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
        }
        try (var left = Files.list(mp4.getParent())) {
            assertThat(left).as("no temporary files left beside the video").containsExactly(mp4);
        }
    }

    @Test
    void aVideoWithNoAudioGivenStillHasExactlyOneAudioStream() throws IOException {
        Video video = videoOrSkip();
        VideoSpec spec = VideoSpec.builder().scene(slide(dir, "a.png", Color.BLUE, "A", 400, 300),
                Duration.ofSeconds(2)).size(320, 240).fps(10).build();
        VideoProbe probe = video.probe(video.render(spec, dir.resolve("silent.mp4"), MediaProgress.NONE));
        assertPlayableVideo(probe, 320, 240, Duration.ofSeconds(2));
        assertThat(probe.subtitleStreams()).isZero();
        assertThat(maxVolumeDb(dir.resolve("silent.mp4"))).as("the audio track is silence").isLessThan(-80);
    }

    @Test
    void thePlayabilityCheckFailsOnAVideoWithoutAudio() {
        Video video = videoOrSkip();
        Path silent = dir.resolve("video-only.mp4");
        ffmpeg().run(List.of("-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "color=c=red:s=320x240:d=2:r=10", "-c:v", "libx264", "-pix_fmt", "yuv420p", silent.toString()),
                Duration.ofSeconds(60));
        VideoProbe probe = video.probe(silent);
        assertThat(probe.audioStreams()).isZero();
        assertThat(probe.audioCodec()).isNull();
        assertThatThrownBy(() -> assertPlayableVideo(probe, 320, 240, Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("audio streams");
    }

    @Test
    void audioLongerThanTheScenesIsCutAndShorterIsPadded() throws IOException {
        Video video = videoOrSkip();
        Path image = slide(dir, "a.png", Color.DARK_GRAY, "A", 640, 360);
        VideoSpec longAudio = VideoSpec.builder().scene(image, Duration.ofSeconds(3))
                .narration(narration(dir, "long.wav", Duration.ofSeconds(9)))
                .music(music(dir, "long-music.wav", Duration.ofSeconds(12))).size(W, H).build();
        assertPlayableVideo(video.probe(video.render(longAudio, dir.resolve("cut.mp4"), MediaProgress.NONE)),
                W, H, Duration.ofSeconds(3));
        VideoSpec shortAudio = VideoSpec.builder().scene(image, Duration.ofSeconds(4))
                .narration(narration(dir, "short.wav", Duration.ofMillis(800))).size(W, H).build();
        assertPlayableVideo(video.probe(video.render(shortAudio, dir.resolve("padded.mp4"), MediaProgress.NONE)),
                W, H, Duration.ofSeconds(4));
        VideoSpec shortMusicOnly = VideoSpec.builder().scene(image, Duration.ofSeconds(3))
                .music(music(dir, "short-music.wav", Duration.ofSeconds(1)), 1.0).size(W, H).build();
        assertPlayableVideo(video.probe(video.render(shortMusicOnly, dir.resolve("music.mp4"), MediaProgress.NONE)),
                W, H, Duration.ofSeconds(3));
    }

    @Test
    void pathsWithQuotesColonsCommasAndPercentSignsAreOnlyFileNames() throws IOException {
        Video video = videoOrSkip();
        Path odd = Files.createDirectories(dir.resolve("it's: a, [dir]; \\ ok"));
        Path image = slide(odd, "-i %d slide 'one', pipe:1.png", Color.ORANGE, "Odd", 320, 180);
        Path voice = narration(odd, "voice: 'a', b.wav", Duration.ofSeconds(2));
        VideoSpec spec = VideoSpec.builder().scene(image, Duration.ofSeconds(2)).narration(voice)
                .subtitles(List.of(new Subtitle(Duration.ZERO, Duration.ofSeconds(2), "Odd path"))).size(320, 180)
                .build();
        Path mp4 = video.render(spec, odd.resolve("out, 'final': v1.mp4"), MediaProgress.NONE);
        VideoProbe probe = video.probe(mp4);
        assertPlayableVideo(probe, 320, 180, Duration.ofSeconds(2));
        assertThat(probe.subtitleStreams()).isEqualTo(1);
    }

    @Test
    void aSceneThatIsNoImageFailsNamingTheFileAndWhatFfmpegSaid() throws IOException {
        Video video = videoOrSkip();
        Path text = Files.writeString(dir.resolve("notes.png"), "this is not a picture\n".repeat(50));
        VideoSpec spec = VideoSpec.builder().scene(slide(dir, "ok.png", Color.BLUE, "ok", 320, 180),
                Duration.ofSeconds(1)).scene(text, Duration.ofSeconds(1)).size(320, 180).build();
        Path target = dir.resolve("broken.mp4");
        assertThatThrownBy(() -> video.render(spec, target, MediaProgress.NONE))
                .isInstanceOf(MediaException.class)
                .hasMessageContaining("ffmpeg could not make the video")
                .hasMessageContaining("exit code")
                .hasMessageContaining("Invalid data found")
                .hasMessageContaining("input 1 is " + text);
        assertThat(target).doesNotExist();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".broken.mp4"));
        }
    }

    @Test
    void ffmpegReadsHostileSubtitleTextAsTheCuesWeWrote() throws IOException {
        videoOrSkip();
        String hostile = "One\n\n2\n00:00:09,000 --> 00:00:10,000\nInjected\u0000\r\n\r\n{\\an8}<b>x</b>";
        Path srt = Files.writeString(dir.resolve("cues.srt"), Subtitles.srt(List.of(
                new Subtitle(Duration.ZERO, Duration.ofSeconds(2), hostile),
                new Subtitle(Duration.ofSeconds(3), Duration.ofSeconds(4), "Last"))));
        // ffmpeg's own SRT reader, writing SRT back: as many cues as we wrote, at our times
        String back = ffmpeg().run(List.of("-hide_banner", "-loglevel", "error", "-i", srt.toString(), "-f", "srt",
                "-"), Duration.ofSeconds(30)).stdout();
        assertThat(back.lines().filter(line -> line.contains(" --> "))).containsExactly(
                "00:00:00,000 --> 00:00:02,000", "00:00:03,000 --> 00:00:04,000");
        assertThat(back).contains("Injected").contains("Last");
    }

    @Test
    void aRenderPastItsTimeLimitIsStoppedAndSaysSo() throws IOException {
        videoOrSkip();
        Video hasty = Video.builder().timeout(Duration.ofMillis(50)).build();
        VideoSpec spec = VideoSpec.builder().scene(slide(dir, "a.png", Color.BLUE, "A", 640, 360),
                Duration.ofSeconds(30)).build();
        assertThatThrownBy(() -> hasty.render(spec, dir.resolve("slow.mp4"), MediaProgress.NONE))
                .isInstanceOf(MediaException.class).hasMessageContaining("was stopped");
        assertThat(dir.resolve("slow.mp4")).doesNotExist();
    }

    @Test
    void badSettingsAndAMissingProgramAreNamed() {
        assertThatThrownBy(() -> Video.builder().preset("warp").build()).isInstanceOf(MediaException.class)
                .hasMessageContaining("preset").hasMessageContaining("warp").hasMessageContaining("veryfast");
        assertThatThrownBy(() -> Video.builder().crf(60).build()).hasMessageContaining("crf");
        assertThatThrownBy(() -> Video.builder().ffmpeg(dir.resolve("no-ffmpeg")).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("ffmpeg").hasMessageContaining("no-ffmpeg");
    }

    static ExternalProgram ffmpeg() {
        return ExternalProgram.find("ffmpeg").orElseThrow();
    }

    private BufferedImage frameAt(Path mp4, double seconds) throws IOException {
        Path png = dir.resolve(String.format(Locale.ROOT, "frame-%.2f.png", seconds));
        ffmpeg().run(List.of("-hide_banner", "-loglevel", "error", "-ss", Double.toString(seconds), "-i",
                mp4.toString(), "-frames:v", "1", png.toString()), Duration.ofSeconds(60));
        return ImageIO.read(png.toFile());
    }

    /** The loudest sample of the audio, in dB below full scale, as ffmpeg's volumedetect reads it. */
    private static double maxVolumeDb(Path mp4) {
        String said = ffmpeg().run(List.of("-hide_banner", "-nostats", "-i", mp4.toString(), "-map", "0:a",
                "-af", "volumedetect", "-f", "null", "-"), Duration.ofSeconds(60)).stderr();
        var m = java.util.regex.Pattern.compile("max_volume: (-?[0-9.]+|-inf) dB").matcher(said);
        assertThat(m.find()).as("volumedetect's report in %s", said).isTrue();
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }

    private static int changedPixelsInBottomQuarter(BufferedImage a, BufferedImage b) {
        return changed(a, b, a.getHeight() * 3 / 4, a.getHeight());
    }

    private static int changedPixelsInTopHalf(BufferedImage a, BufferedImage b) {
        return changed(a, b, 0, a.getHeight() / 2);
    }

    private static int changed(BufferedImage a, BufferedImage b, int fromY, int toY) {
        int count = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                int diff = Math.abs((p >> 16 & 255) - (q >> 16 & 255)) + Math.abs((p >> 8 & 255) - (q >> 8 & 255))
                        + Math.abs((p & 255) - (q & 255));
                if (diff > 90) {
                    count++;
                }
            }
        }
        return count;
    }
}
