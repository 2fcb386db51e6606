package dev.aios.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.media.MediaProgress;
import dev.aios.media.VideoSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoCommandTest {
    @TempDir
    Path dir;

    @Test
    void filterOptionsAreEscapedForTheOptionAndTheGraphParser() {
        // the example in ffmpeg's "Notes on filtergraph escaping", plus brackets and a semicolon
        assertThat(VideoCommand.filterOption("this is a 'string': may contain one, or more, special characters"))
                .isEqualTo("this is a \\\\\\'string\\\\\\'\\\\: may contain one\\, or more\\, special characters");
        assertThat(VideoCommand.filterOption("/a\\b[c];d")).isEqualTo("/a\\\\\\\\b\\[c\\]\\;d");
    }

    @Test
    void sceneBoundariesAreWholeFramesFromTheRunningTotalSoTheLengthNeverDrifts() throws IOException {
        Path image = dir.resolve("a.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        VideoSpec.Builder builder = VideoSpec.builder().fps(25);
        for (int i = 0; i < 30; i++) {
            builder.scene(image, Duration.ofMillis(1_010)); // 25.25 frames each
        }
        var run = VideoCommand.invocation(builder.build(), new VideoCommand.Encoding("veryfast", 23, 0), null, null,
                dir.resolve("out.mp4"));
        String graph = run.arguments().get(run.arguments().indexOf("-filter_complex") + 1);
        long frames = java.util.regex.Pattern.compile("trim=end_frame=(\\d+)").matcher(graph).results()
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        assertThat(frames).isEqualTo(Math.round(30 * 1.010 * 25));
        assertThat(run.arguments()).contains("-t", "30.320000");
        assertThat(run.inputs()).hasSize(30).containsOnly(image);
        assertThat(run.arguments()).filteredOn(a -> a.startsWith("file:")).allMatch(a -> a.startsWith("file:/"));
        assertThat(graph).contains("anullsrc").doesNotContain("subtitles=");
    }

    @Test
    void errorsThatNameAnInputByIndexAreToldAsFiles() {
        List<Path> inputs = List.of(Path.of("/s/one.png"), Path.of("/s/notes.png"));
        assertThat(VideoCommand.namedInputs(List.of("Error while decoding stream #1:0: Invalid data",
                "Cannot determine format of input stream 1:0 after EOF", "Input #7, out of range"), inputs))
                .containsExactly("input 1 is /s/notes.png");
    }

    @Test
    void progressLinesBecomeUpdatesAndOtherLinesAreKeptForErrors() {
        List<double[]> updates = new ArrayList<>();
        MediaProgress listener = (stage, done, total) -> updates.add(new double[] {done, total});
        FfmpegProgress progress = new FfmpegProgress(listener, "encoding video", 10);
        for (String line : List.of("frame=10", "out_time_us=N/A", "out_time_us=2500000", "speed=5.1x",
                "progress=continue", "[png @ 0x1] Invalid PNG signature", "out_time_us=99000000", "progress=end")) {
            progress.accept(line);
        }
        assertThat(updates).extracting(u -> u[0]).containsExactly(2.5, 10.0, 10.0);
        assertThat(progress.lastMessages()).containsExactly("[png @ 0x1] Invalid PNG signature");
    }

    @Test
    void ffprobesReportIsReadIntoAProbe() throws IOException {
        String json = """
                {"streams": [
                  {"codec_type": "video", "codec_name": "h264", "width": 1280, "height": 720},
                  {"codec_type": "audio", "codec_name": "aac"},
                  {"codec_type": "subtitle", "codec_name": "mov_text"},
                  {"codec_type": "video", "codec_name": "png", "disposition": {"attached_pic": 1}}
                ], "format": {"duration": "60.040000"}}""";
        var probe = ProbeReader.parse(json, Files.createTempFile(dir, "x", ".mp4"));
        assertThat(probe.duration()).isEqualTo(Duration.ofMillis(60_040));
        assertThat(List.of(probe.videoStreams(), probe.audioStreams(), probe.subtitleStreams(), probe.width(),
                probe.height())).containsExactly(1, 1, 1, 1280, 720);
        assertThat(List.of(probe.videoCodec(), probe.audioCodec())).containsExactly("h264", "aac");
    }
}
