package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aios.api.Memory;
import dev.aios.media.Audio;
import dev.aios.media.EspeakSpeech;
import dev.aios.media.Video;
import dev.aios.media.VideoProbe;
import dev.aios.samples.Main;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./aios run --video}: today's briefing as slides, narration, music and subtitles in one MP4. */
class BriefingVideoTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    @TempDir
    Path dir;

    private BriefingReport report(Path root) throws Exception {
        BriefingWorld world = BriefingWorld.writeTo(root, DAY);
        try (Memory memory = BriefingMemory.open(world.state())) {
            return new BriefingAgent(world, memory, new PrintStream(OutputStream.nullOutputStream())).run();
        }
    }

    @Test
    void theScriptSaysWhatTheBriefingFound() throws Exception {
        BriefingReport report = report(dir.resolve("world"));
        List<BriefingVideo.Part> parts = BriefingVideo.script(report, "Sam Lee", DAY);
        assertThat(parts).extracting(p -> p.slide().title())
                .containsExactly("Morning briefing", "Needs you", "Your inbox", "Today's meetings", "Drafts ready");
        long needsYou = report.triaged().stream().filter(t -> t.label().equals("needs-you") && !t.suspicious()).count();
        assertThat(parts.get(0).narration()).startsWith("Good morning, Sam.").contains(needsYou + " mails need you")
                .contains(report.meetings().size() + " meetings");
        // the most urgent needs-you mail is on the slide and read out; phishing never is
        BriefingReport.Triaged first = report.triaged().get(0);
        assertThat(first.label()).isEqualTo("needs-you");
        assertThat(parts.get(1).slide().bullets().get(0)).startsWith(first.subject());
        assertThat(parts.get(1).narration()).contains(MailAddress.displayName(first.from()));
        for (BriefingReport.Triaged phishing : report.triaged().stream().filter(BriefingReport.Triaged::suspicious).toList()) {
            assertThat(String.join(" ", parts.get(1).slide().bullets())).doesNotContain(phishing.subject());
        }
        assertThat(parts.get(2).slide().chart()).isNotNull();
        assertThat(parts.get(2).slide().chart().series().get(0).y()).containsExactly((double) needsYou,
                (double) report.triaged().stream().filter(t -> t.label().equals("routine")).count(),
                (double) report.triaged().stream().filter(t -> t.label().equals("noise")).count());
        assertThat(parts.get(3).slide().bullets()).hasSize(report.meetings().size());
        assertThat(parts).allSatisfy(p -> assertThat(p.narration()).isNotBlank());
    }

    @Test
    void mainMakesTheVideoBesideTheBriefing() throws Exception {
        assumeTrue(Video.available() && EspeakSpeech.ifInstalled().isPresent(),
                "needs ffmpeg and espeak-ng (.ci/debian-install installs them)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path world = dir.resolve("briefing-world");
        int exit = Main.run(new String[] {"--world", world.toString(), "--video"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("[video]   rendering slides", "[video]   encoding video", "video:   ");

        Path mp4 = world.resolve("out/briefing.mp4");
        VideoProbe probe = Video.builder().build().probe(mp4);
        assertThat(probe.videoStreams()).isEqualTo(1);
        assertThat(probe.audioStreams()).isEqualTo(1);
        assertThat(probe.subtitleStreams()).isEqualTo(1);
        assertThat(probe.width()).isEqualTo(1280);
        assertThat(probe.height()).isEqualTo(720);
        // about a minute: the narration sets the length
        assertThat(probe.duration().toSeconds()).isBetween(30L, 90L);
        Path narration = world.resolve("out/video/narration.wav");
        assertThat(Audio.rms(narration)).isGreaterThan(0.01);
        assertThat(Audio.duration(narration).toMillis()).isCloseTo(probe.duration().toMillis(),
                org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(Audio.rms(world.resolve("out/video/music.wav"))).isGreaterThan(0.005);

        try (XMLSlideShow deck = new XMLSlideShow(Files.newInputStream(world.resolve("out/briefing.pptx")))) {
            assertThat(deck.getSlides()).hasSize(5);
            // the title slide's title is a centred title, which getTitle() does not read
            assertThat(deck.getSlides().get(0).getShapes()).filteredOn(XSLFTextShape.class::isInstance)
                    .extracting(shape -> ((XSLFTextShape) shape).getText()).contains("Morning briefing");
            assertThat(deck.getSlides().subList(1, 5)).extracting(XSLFSlide::getTitle)
                    .containsExactly("Needs you", "Your inbox", "Today's meetings", "Drafts ready");
        }
    }
}
