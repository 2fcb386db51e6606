package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The media tools called as an agent calls them: JSON arguments in, a file and a sentence out. */
class MediaToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ToolResult call(MediaTools tools, String tool, String arguments) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> args = JSON.readValue(arguments, Map.class);
        return tools.call(new ToolCall("c1", tool, args));
    }

    @Test
    void everyToolHasAnObjectSchemaAndARisk() throws Exception {
        MediaTools tools = MediaTools.builder(dir.resolve("media")).build();
        assertThat(tools.tools()).extracting(ToolDescriptor::name).containsExactly("media.chart", "media.slides",
                "media.diagram", "media.image_edit", "media.collage", "media.speak", "media.music", "media.video",
                "media.inspect");
        for (ToolDescriptor d : tools.tools()) {
            JsonNode schema = JSON.readTree(d.inputSchema());
            assertThat(schema.get("type").asText()).as(d.name()).isEqualTo("object");
            assertThat(schema.get("required")).as(d.name()).isNotEmpty();
            assertThat(d.risk().openWorld()).as(d.name() + " stays on this machine").isFalse();
            assertThat(d.risk().level()).as(d.name()).isNotEqualTo(ToolRisk.Level.DESTRUCTIVE);
        }
        assertThat(tools.find("media.inspect").orElseThrow().risk().level()).isEqualTo(ToolRisk.Level.READ_ONLY);
        assertThatThrownBy(() -> call(tools, "media.nothing", "{}")).isInstanceOf(AiOsException.class)
                .hasMessageContaining("media.chart");
    }

    @Test
    void aChartASlideDeckAndAnEditedPictureAreWrittenInTheMediaFolder() throws Exception {
        MediaTools tools = MediaTools.builder(dir.resolve("media")).build();
        ToolResult chart = call(tools, "media.chart", """
                {"file":"charts/mail.png","kind":"bar","title":"Mail","width":640,"height":400,
                 "series":[{"name":"today","categories":["needs you","routine","noise"],"y":[4,12,9]}]}""");
        assertThat(chart.error()).as(chart.text()).isFalse();
        assertThat(chart.text()).contains("charts/mail.png");
        Path png = dir.resolve("media/charts/mail.png");
        assertThat(Images.read(png).getWidth()).isEqualTo(640);

        ToolResult deck = call(tools, "media.slides", """
                {"file":"deck.pptx","title":"Q4","pngFolder":"frames","width":640,"slides":[
                  {"title":"Q4 review","subtitle":"for the team"},
                  {"title":"Mail","bullets":["four need you"],"image":"charts/mail.png","notes":"say it slowly"},
                  {"title":"Numbers","chart":{"kind":"pie","title":"Share","series":[
                     {"name":"s","categories":["a","b"],"y":[1,3]}]}}]}""");
        assertThat(deck.error()).as(deck.text()).isFalse();
        try (XMLSlideShow show = new XMLSlideShow(Files.newInputStream(dir.resolve("media/deck.pptx")))) {
            assertThat(show.getSlides()).hasSize(3);
            assertThat(show.getSlides().get(1).getNotes().getTextParagraphs().toString()).contains("say it slowly");
        }
        assertThat(dir.resolve("media/frames/slide-003.png")).exists();

        ToolResult edited = call(tools, "media.image_edit", """
                {"input":"charts/mail.png","file":"small.jpg","width":320,"height":320,"caption":"Mail today"}""");
        assertThat(edited.error()).as(edited.text()).isFalse();
        assertThat(Images.read(dir.resolve("media/small.jpg")).getWidth()).isEqualTo(320);

        ToolResult collage = call(tools, "media.collage", """
                {"inputs":["charts/mail.png","small.jpg"],"file":"both.png","columns":2,"cellWidth":100,
                 "cellHeight":80,"gap":0}""");
        assertThat(collage.error()).as(collage.text()).isFalse();
        assertThat(Images.read(dir.resolve("media/both.png")).getWidth()).isEqualTo(200);
    }

    @Test
    void toolsAreConfinedToTheirFolders() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path pictures = Files.createDirectories(dir.resolve("pictures"));
        Images.write(Charts.image(ChartSpec.bar("x", List.of("a"), List.of(1.0)), 200, 150), outside.resolve("a.png"));
        Images.write(Charts.image(ChartSpec.bar("x", List.of("a"), List.of(1.0)), 200, 150), pictures.resolve("b.png"));
        MediaTools tools = MediaTools.builder(dir.resolve("media")).readRoot(pictures).build();

        ToolResult escape = call(tools, "media.chart", """
                {"file":"../escape.png","kind":"BAR","title":"t","series":[{"name":"s","categories":["a"],"y":[1]}]}""");
        assertThat(escape.error()).isTrue();
        assertThat(escape.text()).contains("leaves the media folder");
        assertThat(dir.resolve("escape.png")).doesNotExist();

        ToolResult notAllowed = call(tools, "media.image_edit",
                "{\"input\":\"" + outside.resolve("a.png") + "\",\"file\":\"a.png\",\"width\":10}");
        assertThat(notAllowed.error()).isTrue();
        assertThat(notAllowed.text()).contains("outside the folders the media tools may read");

        ToolResult allowed = call(tools, "media.image_edit",
                "{\"input\":\"" + pictures.resolve("b.png") + "\",\"file\":\"b.png\",\"width\":50}");
        assertThat(allowed.error()).as(allowed.text()).isFalse();

        ToolResult badKind = call(tools, "media.chart", """
                {"file":"x.png","kind":"radar","title":"t","series":[{"name":"s","categories":["a"],"y":[1]}]}""");
        assertThat(badKind.text()).contains("kind").contains("BAR");
    }

    @Test
    void narrationMusicAndAVideoFromThem() throws Exception {
        assumeTrue(EspeakSpeech.ifInstalled().isPresent() && Video.available(),
                "needs espeak-ng and ffmpeg (.ci/debian-install installs them)");
        MediaTools tools = MediaTools.builder(dir.resolve("media")).build();
        Images.write(Charts.image(ChartSpec.bar("one", List.of("a"), List.of(1.0)), 640, 360), dir.resolve("media/1.png"));
        Images.write(Charts.image(ChartSpec.pie("two", List.of("a", "b"), List.of(1.0, 2.0)), 640, 360),
                dir.resolve("media/2.png"));
        String text = "Two charts. The second one is a pie.";
        ToolResult spoken = call(tools, "media.speak", "{\"text\":\"" + text + "\",\"file\":\"voice.wav\"}");
        assertThat(spoken.error()).as(spoken.text()).isFalse();
        AudioChecks.assertAudible(dir.resolve("media/voice.wav"));
        ToolResult music = call(tools, "media.music", """
                {"file":"bed.wav","mood":"calm","tempo":80,"key":"D minor","seconds":6,"seed":7}""");
        assertThat(music.error()).as(music.text()).isFalse();
        AudioChecks.assertAudible(dir.resolve("media/bed.wav"));
        assertThat(call(tools, "media.music", """
                {"file":"bed.mid","seconds":6}""").error()).isFalse();

        ToolResult video = call(tools, "media.video", """
                {"file":"out/clip.mp4","scenes":[{"image":"1.png","seconds":3},{"image":"2.png","seconds":3}],
                 "narration":"voice.wav","music":"bed.wav","musicVolume":0.2,"width":640,"height":360,
                 "subtitles":"%s"}""".formatted(text));
        assertThat(video.error()).as(video.text()).isFalse();
        ToolResult facts = call(tools, "media.inspect", "{\"file\":\"out/clip.mp4\"}");
        JsonNode probe = JSON.readTree(facts.text());
        assertThat(probe.get("videoStreams").asInt()).isEqualTo(1);
        assertThat(probe.get("audioStreams").asInt()).isEqualTo(1);
        assertThat(probe.get("width").asInt()).isEqualTo(640);
        assertThat(probe.get("seconds").asDouble()).isBetween(5.7, 6.3);
        assertThat(JSON.readTree(call(tools, "media.inspect", "{\"file\":\"bed.wav\"}").text()).get("rms").asDouble())
                .isGreaterThan(AudioChecks.AUDIBLE_RMS);
    }

    @Test
    void aMissingProgramIsNamedInTheResult() throws Exception {
        MediaTools tools = MediaTools.builder(dir.resolve("media"))
                .speech((text, wav) -> {
                    throw MediaException.missingProgram("espeak-ng", "narration", "espeak-ng");
                }).build();
        ToolResult r = call(tools, "media.speak", "{\"text\":\"hello\",\"file\":\"a.wav\"}");
        assertThat(r.error()).isTrue();
        assertThat(r.text()).contains("espeak-ng").contains("apt-get install espeak-ng");
    }
}
