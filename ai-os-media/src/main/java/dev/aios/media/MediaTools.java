package dev.aios.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.media.internal.ConfinedPaths;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The media engine as tools an agent can put in its plans: charts, slides, diagrams, images,
 * narration, music and video, each with a JSON Schema and a risk class. Every tool writes only
 * under one output folder and reads only there and under the folders the host names (default
 * deny); a path that leaves them is refused. Register them with any registry that validates
 * arguments against the schemas, for example:
 * {@snippet :
 * MediaTools media = MediaTools.builder(Path.of("media")).readRoot(Path.of("pictures")).build();
 * McpToolRegistry.Builder tools = McpToolRegistry.builder();
 * for (ToolDescriptor tool : media.tools()) {
 *     tools.tool(tool, ToolHandler.ofCall(media::call));
 * }
 * }
 * A tool that needs a program that is not installed (FFmpeg for video, espeak-ng for speech)
 * answers with a failed result that names the program and how to install it.
 *
 * <p>Writing a file is {@linkplain ToolRisk.Level#SIDE_EFFECTING side-effecting}, local, and
 * idempotent (the same arguments write the same file again); reading a file's facts is read-only.
 */
public final class MediaTools implements ToolRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolRisk WRITES = new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true);

    private final ConfinedPaths paths;
    private final Slides slides;
    private final @Nullable SpeechSynthesizer speech;
    private final @Nullable Video video;
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    /** Requests as users word them, for the registry's search (ToolDescriptor.examples). */
    private static final Map<String, List<String>> EXAMPLES = ToolDescriptor.readExamples(
            Objects.requireNonNull(MediaTools.class.getResourceAsStream("media-examples.tsv"),
                    "media-examples.tsv is missing from the class path beside MediaTools"),
            "media-examples.tsv");

    private record Tool(ToolDescriptor descriptor, Function<Map<String, Object>, String> run) {}

    private MediaTools(Builder b) {
        this.paths = new ConfinedPaths(b.output, b.readRoots);
        this.slides = b.slides;
        this.speech = b.speech;
        this.video = b.video;
        add("media.chart", "Draw a chart or graph (bar, line, pie, scatter or time series) from numbers and save it"
                + " as a PNG or SVG image.", CHART_SCHEMA, WRITES, this::chart);
        add("media.slides", "Make a presentation (PowerPoint PPTX slide deck) from an outline: slide titles, bullet"
                + " points, pictures, charts and speaker notes; can also save each slide as a PNG image.",
                SLIDES_SCHEMA, WRITES, this::slides);
        add("media.diagram", "Draw a diagram (flowchart, sequence or other diagram) from PlantUML text, saved as"
                + " PNG or SVG.",
                DIAGRAM_SCHEMA, WRITES, this::diagram);
        add("media.image_edit", "Edit a picture or photo: crop it, resize or fit it, or write a caption over it;"
                + " saves a new PNG or JPEG. For plain resizing, converting or rotating, the image tools suffice.",
                IMAGE_SCHEMA, WRITES, this::image);
        add("media.collage", "Combine several pictures or photos side by side in a grid, as one collage image.",
                COLLAGE_SCHEMA, WRITES, this::collage);
        add("media.speak", "Turn text into speech: read it aloud into a WAV audio file (narration, voice-over),"
                + " made on this machine.",
                SPEAK_SCHEMA, WRITES, this::speak);
        add("media.music", "Compose an original piece of background music from a mood, tempo, key and length, saved"
                + " as MIDI or rendered to a WAV audio file.", MUSIC_SCHEMA, WRITES, this::music);
        add("media.video", "Make an MP4 video (a slideshow) from pictures shown in turn, with narration, background"
                + " music and subtitles.", VIDEO_SCHEMA, WRITES, this::video);
        add("media.inspect", "Show facts about an audio or video file: the length (duration) and loudness of a WAV,"
                + " or the length, streams and frame size of an MP4 video.",
                INSPECT_SCHEMA, ToolRisk.READ_ONLY, this::inspect);
    }

    /**
     * @param output the folder every tool writes to (created when missing); inputs may come from it too
     * @return a builder
     */
    public static Builder builder(Path output) {
        return new Builder(output);
    }

    /** Configures {@link MediaTools}. */
    public static final class Builder {
        private final Path output;
        private final List<Path> readRoots = new ArrayList<>();
        private Slides slides = Slides.withDefaultTheme();
        private @Nullable SpeechSynthesizer speech;
        private @Nullable Video video;
        private boolean speechSet;
        private boolean videoSet;

        private Builder(Path output) {
            this.output = Objects.requireNonNull(output, "output folder");
        }

        /** Lets the tools read pictures and sounds under {@code root} too (default: only the output folder). */
        public Builder readRoot(Path root) {
            readRoots.add(Objects.requireNonNull(root, "read root"));
            return this;
        }

        /** The slide theme (default: {@link Slides#withDefaultTheme()}). */
        public Builder slides(Slides slides) {
            this.slides = Objects.requireNonNull(slides, "slides");
            return this;
        }

        /** Who speaks (default: espeak-ng when installed; a host may plug in a cloud voice). */
        public Builder speech(SpeechSynthesizer speech) {
            this.speech = Objects.requireNonNull(speech, "speech");
            this.speechSet = true;
            return this;
        }

        /** The video encoder (default: FFmpeg from the PATH when installed). */
        public Builder video(Video video) {
            this.video = Objects.requireNonNull(video, "video");
            this.videoSet = true;
            return this;
        }

        /** @return the tools */
        public MediaTools build() {
            if (!speechSet) {
                speech = EspeakSpeech.ifInstalled().orElse(null);
            }
            if (!videoSet) {
                video = Video.ifInstalled().orElse(null);
            }
            return new MediaTools(this);
        }
    }

    private void add(String name, String description, String schema, ToolRisk risk,
            Function<Map<String, Object>, String> run) {
        tools.put(name, new Tool(new ToolDescriptor(name, description, schema, risk, EXAMPLES.getOrDefault(name,
                List.of())), run));
    }


    @Override
    public List<ToolDescriptor> tools() {
        return tools.values().stream().map(Tool::descriptor).toList();
    }

    @Override
    public ToolResult call(ToolCall call) {
        Tool tool = tools.get(call.tool());
        if (tool == null) {
            throw AiOsException.permanent("no media tool is named '" + call.tool() + "'; the media tools are "
                    + tools.keySet());
        }
        try {
            return ToolResult.success(tool.run().apply(call.arguments()));
        } catch (MediaException | IllegalArgumentException e) {
            return ToolResult.failure(call.tool() + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ the tools

    private String chart(Map<String, Object> a) {
        Path file = paths.output(str(a, "file"), ".png", ".svg");
        ChartSpec spec = chartSpec(a);
        int width = integer(a, "width", 800);
        int height = integer(a, "height", 500);
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            Charts.svg(spec, file, width, height);
        } else {
            Charts.png(spec, file, width, height);
        }
        return "wrote " + relative(file) + " (" + width + "x" + height + ")";
    }

    private static ChartSpec chartSpec(Map<String, Object> a) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (Map<String, Object> s : maps(a, "series")) {
            series.add(new ChartSpec.Series(str(s, "name"), strings(s, "categories"), numbers(s, "x"), numbers(s, "y")));
        }
        ChartSpec.Kind kind = enumOf(ChartSpec.Kind.class, str(a, "kind"), "kind");
        return new ChartSpec(kind, str(a, "title"), opt(a, "xLabel"), opt(a, "yLabel"), series);
    }

    private String slides(Map<String, Object> a) {
        Path file = paths.output(str(a, "file"), ".pptx");
        List<Slide> list = new ArrayList<>();
        for (Map<String, Object> s : maps(a, "slides")) {
            Slide slide = s.containsKey("subtitle") && !s.containsKey("bullets")
                    ? Slide.title(str(s, "title"), str(s, "subtitle"))
                    : Slide.bullets(str(s, "title"), strings(s, "bullets"));
            if (s.get("image") instanceof String image) {
                slide = slide.withImage(paths.input(image, ".png", ".jpg", ".jpeg"));
            }
            if (s.get("chart") instanceof Map<?, ?> chart) {
                slide = slide.withChart(chartSpec(cast(chart)));
            }
            if (s.get("notes") instanceof String notes) {
                slide = slide.withNotes(notes);
            }
            list.add(slide);
        }
        slides.writePptx(new SlideDeck(str(a, "title"), list), file);
        String answer = "wrote " + relative(file) + " (" + list.size() + " slides)";
        if (a.get("pngFolder") instanceof String folder) {
            Path dir = paths.output(folder + "/slide-001.png", ".png").getParent();
            List<Path> pngs = slides.renderPngs(file, dir, integer(a, "width", 1280), MediaProgress.NONE);
            answer += " and " + pngs.size() + " PNG pictures in " + relative(dir);
        }
        return answer;
    }

    private String diagram(Map<String, Object> a) {
        Path file = paths.output(str(a, "file"), ".png", ".svg");
        Diagrams.render(str(a, "source"), file);
        return "wrote " + relative(file);
    }

    private String image(Map<String, Object> a) {
        Path in = paths.input(str(a, "input"), ".png", ".jpg", ".jpeg");
        Path file = paths.output(str(a, "file"), ".png", ".jpg", ".jpeg");
        BufferedImage image = Images.read(in);
        if (a.get("crop") instanceof Map<?, ?> crop) {
            Map<String, Object> c = cast(crop);
            image = Images.crop(image, integer(c, "x", 0), integer(c, "y", 0), integer(c, "width", -1),
                    integer(c, "height", -1));
        }
        if (a.containsKey("width") || a.containsKey("height")) {
            int w = integer(a, "width", image.getWidth());
            int h = integer(a, "height", image.getHeight());
            image = Boolean.FALSE.equals(a.get("keepAspect")) ? Images.resize(image, w, h) : Images.fit(image, w, h);
        }
        if (a.get("caption") instanceof String caption) {
            image = Images.overlayText(image, caption, enumOf(TextPlacement.class,
                    a.getOrDefault("placement", "BOTTOM").toString(), "placement"));
        }
        Images.write(image, file);
        return "wrote " + relative(file) + " (" + image.getWidth() + "x" + image.getHeight() + ")";
    }

    private String collage(Map<String, Object> a) {
        Path file = paths.output(str(a, "file"), ".png", ".jpg", ".jpeg");
        List<BufferedImage> images = new ArrayList<>();
        for (String in : strings(a, "inputs")) {
            images.add(Images.read(paths.input(in, ".png", ".jpg", ".jpeg")));
        }
        BufferedImage collage = Images.collage(images, integer(a, "columns", Math.min(3, Math.max(1, images.size()))),
                integer(a, "cellWidth", 400), integer(a, "cellHeight", 300), integer(a, "gap", 8));
        Images.write(collage, file);
        return "wrote " + relative(file) + " (" + collage.getWidth() + "x" + collage.getHeight() + ")";
    }

    private String speak(Map<String, Object> a) {
        Path file = paths.output(str(a, "file"), ".wav");
        speech().speak(str(a, "text"), file);
        return "wrote " + relative(file) + " (" + seconds(Audio.duration(file)) + " s)";
    }

    private String music(Map<String, Object> a) {
        Path file = paths.output(str(a, "file"), ".wav", ".mid");
        ScoreSpec spec = new ScoreSpec(enumOf(ScoreSpec.Mood.class, a.getOrDefault("mood", "CALM").toString(), "mood"),
                integer(a, "tempo", 90), a.getOrDefault("key", "C major").toString(),
                Duration.ofMillis(Math.round(number(a, "seconds") * 1000)), integer(a, "seed", 1));
        var sequence = Music.compose(spec);
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".mid")) {
            Music.writeMidi(sequence, file);
            return "wrote " + relative(file);
        }
        Music.renderWav(sequence, file, MediaProgress.NONE);
        return "wrote " + relative(file) + " (" + seconds(Audio.duration(file)) + " s)";
    }

    private String video(Map<String, Object> a) {
        Path file = paths.output(str(a, "file"), ".mp4");
        VideoSpec.Builder spec = VideoSpec.builder().size(integer(a, "width", 1280), integer(a, "height", 720));
        for (Map<String, Object> s : maps(a, "scenes")) {
            spec.scene(paths.input(str(s, "image"), ".png", ".jpg", ".jpeg"),
                    Duration.ofMillis(Math.round(number(s, "seconds") * 1000)));
        }
        Path narration = null;
        if (a.get("narration") instanceof String n) {
            narration = paths.input(n, ".wav");
            spec.narration(narration);
        }
        if (a.get("music") instanceof String m) {
            spec.music(paths.input(m, ".wav"), a.get("musicVolume") instanceof Number v ? v.doubleValue() : 0.25);
        }
        if (a.get("subtitles") instanceof String text && !text.isBlank()) {
            Duration over = narration != null ? Audio.duration(narration) : null;
            VideoSpec draft = spec.build();
            spec.subtitles(Subtitles.fromNarration(text, over != null ? over : draft.totalDuration()));
        }
        Video encoder = video();
        encoder.render(spec.build(), file, MediaProgress.NONE);
        VideoProbe probe = encoder.probe(file);
        return "wrote " + relative(file) + " (" + seconds(probe.duration()) + " s, " + probe.width() + "x"
                + probe.height() + ")";
    }

    private String inspect(Map<String, Object> a) {
        Path file = paths.input(str(a, "file"), ".wav", ".mp4");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("file", relative(file));
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
            facts.put("seconds", seconds(Audio.duration(file)));
            facts.put("rms", Audio.rms(file));
        } else {
            VideoProbe p = video().probe(file);
            facts.put("seconds", seconds(p.duration()));
            facts.put("videoStreams", p.videoStreams());
            facts.put("audioStreams", p.audioStreams());
            facts.put("subtitleStreams", p.subtitleStreams());
            facts.put("width", p.width());
            facts.put("height", p.height());
            facts.put("videoCodec", p.videoCodec());
            facts.put("audioCodec", p.audioCodec());
        }
        try {
            return JSON.writeValueAsString(facts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw MediaException.failed("cannot write the facts of " + file, e);
        }
    }

    private SpeechSynthesizer speech() {
        if (speech == null) {
            throw MediaException.missingProgram("espeak-ng", "speaking text (media.speak)", "espeak-ng");
        }
        return speech;
    }

    private Video video() {
        if (video == null) {
            throw MediaException.missingProgram("ffmpeg", "making and inspecting video (media.video)", "ffmpeg");
        }
        return video;
    }

    private String relative(Path file) {
        return paths.output().relativize(file).toString();
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }

    // ------------------------------------------------------------------ arguments (already schema-checked by the registry)

    private static String str(Map<String, Object> a, String name) {
        if (!(a.get(name) instanceof String s)) {
            throw MediaException.invalid("argument '" + name + "' must be a string");
        }
        return s;
    }

    private static String opt(Map<String, Object> a, String name) {
        return a.get(name) instanceof String s ? s : "";
    }

    private static int integer(Map<String, Object> a, String name, int fallback) {
        Object v = a.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw MediaException.invalid("argument '" + name + "' must be a whole number, was " + v);
        }
        return n.intValue();
    }

    private static double number(Map<String, Object> a, String name) {
        if (!(a.get(name) instanceof Number n)) {
            throw MediaException.invalid("argument '" + name + "' must be a number");
        }
        return n.doubleValue();
    }

    private static List<String> strings(Map<String, Object> a, String name) {
        Object v = a.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw MediaException.invalid("argument '" + name + "' must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static List<Double> numbers(Map<String, Object> a, String name) {
        Object v = a.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || !list.stream().allMatch(Number.class::isInstance)) {
            throw MediaException.invalid("argument '" + name + "' must be a list of numbers");
        }
        return list.stream().map(n -> ((Number) n).doubleValue()).toList();
    }

    private static List<Map<String, Object>> maps(Map<String, Object> a, String name) {
        if (!(a.get(name) instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
            throw MediaException.invalid("argument '" + name + "' must be a list of objects");
        }
        return list.stream().map(m -> cast((Map<?, ?>) m)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw MediaException.invalid("argument '" + name + "' must be one of " + List.of(type.getEnumConstants())
                    + ", was '" + value + "'");
        }
    }

    // ------------------------------------------------------------------ schemas

    private static final String SERIES = """
            {"type":"object","required":["name","y"],"additionalProperties":false,"properties":{
              "name":{"type":"string"},
              "categories":{"type":"array","items":{"type":"string"},"description":"bar and pie: one label per value"},
              "x":{"type":"array","items":{"type":"number"},"description":"line and scatter: x values; time series: epoch milliseconds"},
              "y":{"type":"array","items":{"type":"number"},"minItems":1}}}""";
    private static final String CHART_PROPS = """
              "kind":{"type":"string","enum":["BAR","LINE","PIE","SCATTER","TIME_SERIES"]},
              "title":{"type":"string"},
              "xLabel":{"type":"string"},
              "yLabel":{"type":"string"},
              "series":{"type":"array","minItems":1,"items":%s}""".formatted(SERIES);
    static final String CHART_SCHEMA = """
            {"type":"object","required":["file","kind","title","series"],"additionalProperties":false,"properties":{
              "file":{"type":"string","description":"where to save it, relative to the media folder: .png or .svg"},
              "width":{"type":"integer","minimum":120,"maximum":4096},
              "height":{"type":"integer","minimum":90,"maximum":4096},
              %s}}""".formatted(CHART_PROPS);
    static final String SLIDES_SCHEMA = """
            {"type":"object","required":["file","title","slides"],"additionalProperties":false,"properties":{
              "file":{"type":"string","description":"the deck to write, relative to the media folder: .pptx"},
              "title":{"type":"string"},
              "slides":{"type":"array","minItems":1,"items":{"type":"object","required":["title"],"additionalProperties":false,
                "properties":{
                  "title":{"type":"string"},
                  "subtitle":{"type":"string","description":"makes it a title slide"},
                  "bullets":{"type":"array","items":{"type":"string"}},
                  "image":{"type":"string","description":"a PNG or JPEG picture to show"},
                  "chart":{"type":"object","required":["kind","title","series"],"additionalProperties":false,
                    "properties":{%s}},
                  "notes":{"type":"string","description":"speaker notes"}}}},
              "pngFolder":{"type":"string","description":"also save each slide as a PNG in this folder"},
              "width":{"type":"integer","minimum":320,"maximum":3840}}}""".formatted(CHART_PROPS);
    static final String DIAGRAM_SCHEMA = """
            {"type":"object","required":["file","source"],"additionalProperties":false,"properties":{
              "file":{"type":"string","description":".png or .svg, relative to the media folder"},
              "source":{"type":"string","description":"PlantUML text, from @startuml to @enduml"}}}""";
    static final String IMAGE_SCHEMA = """
            {"type":"object","required":["input","file"],"additionalProperties":false,"properties":{
              "input":{"type":"string","description":"the picture to edit (PNG or JPEG)"},
              "file":{"type":"string","description":"where to save the result: .png, .jpg or .jpeg"},
              "width":{"type":"integer","minimum":1,"maximum":8192},
              "height":{"type":"integer","minimum":1,"maximum":8192},
              "keepAspect":{"type":"boolean","description":"fit inside width x height (default) or stretch to it"},
              "crop":{"type":"object","required":["x","y","width","height"],"additionalProperties":false,"properties":{
                "x":{"type":"integer","minimum":0},"y":{"type":"integer","minimum":0},
                "width":{"type":"integer","minimum":1},"height":{"type":"integer","minimum":1}}},
              "caption":{"type":"string","description":"text to write over the picture"},
              "placement":{"type":"string","enum":["TOP","CENTER","BOTTOM"]}}}""";
    static final String COLLAGE_SCHEMA = """
            {"type":"object","required":["inputs","file"],"additionalProperties":false,"properties":{
              "inputs":{"type":"array","minItems":1,"maxItems":64,"items":{"type":"string"}},
              "file":{"type":"string","description":".png, .jpg or .jpeg"},
              "columns":{"type":"integer","minimum":1,"maximum":16},
              "cellWidth":{"type":"integer","minimum":16,"maximum":2048},
              "cellHeight":{"type":"integer","minimum":16,"maximum":2048},
              "gap":{"type":"integer","minimum":0,"maximum":256}}}""";
    static final String SPEAK_SCHEMA = """
            {"type":"object","required":["text","file"],"additionalProperties":false,"properties":{
              "text":{"type":"string","minLength":1,"maxLength":20000},
              "file":{"type":"string","description":"the WAV to write, relative to the media folder"}}}""";
    static final String MUSIC_SCHEMA = """
            {"type":"object","required":["file","seconds"],"additionalProperties":false,"properties":{
              "file":{"type":"string","description":".wav (rendered) or .mid (the score)"},
              "mood":{"type":"string","enum":["CALM","BRIGHT","FOCUSED","TENSE","WARM"]},
              "tempo":{"type":"integer","minimum":40,"maximum":220,"description":"beats per minute"},
              "key":{"type":"string","description":"such as 'C major' or 'F# minor'"},
              "seconds":{"type":"number","minimum":5,"maximum":600},
              "seed":{"type":"integer","description":"the same seed composes the same piece"}}}""";
    static final String VIDEO_SCHEMA = """
            {"type":"object","required":["file","scenes"],"additionalProperties":false,"properties":{
              "file":{"type":"string","description":"the MP4 to write, relative to the media folder"},
              "scenes":{"type":"array","minItems":1,"maxItems":500,"items":{"type":"object","required":["image","seconds"],
                "additionalProperties":false,"properties":{
                  "image":{"type":"string"},"seconds":{"type":"number","exclusiveMinimum":0,"maximum":3600}}}},
              "narration":{"type":"string","description":"a WAV spoken over the video"},
              "music":{"type":"string","description":"a WAV played under it"},
              "musicVolume":{"type":"number","minimum":0,"maximum":1},
              "subtitles":{"type":"string","description":"the narration's text, shown as subtitles timed over it"},
              "width":{"type":"integer","minimum":16,"maximum":3840},
              "height":{"type":"integer","minimum":16,"maximum":2160}}}""";
    static final String INSPECT_SCHEMA = """
            {"type":"object","required":["file"],"additionalProperties":false,"properties":{
              "file":{"type":"string","description":"a .wav or .mp4 file"}}}""";

    /** @return the tool named {@code name}, if this pack has it */
    @Override
    public Optional<ToolDescriptor> find(String name) {
        Tool t = tools.get(name);
        return t == null ? Optional.empty() : Optional.of(t.descriptor());
    }
}
