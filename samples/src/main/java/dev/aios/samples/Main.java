package dev.aios.samples;

import dev.aios.api.Memory;
import dev.aios.runtime.FileRunJournal;
import dev.aios.api.RunOutcome;
import dev.aios.samples.briefing.BriefingAgent;
import dev.aios.samples.briefing.BriefingMemory;
import dev.aios.samples.briefing.BriefingReport;
import dev.aios.samples.briefing.BriefingWorld;
import dev.aios.samples.briefing.BriefingBrains;
import dev.aios.samples.briefing.BriefingVideo;
import dev.aios.media.MediaException;
import dev.aios.media.MediaProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command-line entry point, README's main job: the morning briefing on its sample world
 * (the default), or the desk agent on its own small world.
 * <pre>
 * usage: Main [briefing] [--world DIR] [--model DIR] [--brains FILE] [--allow-cloud]
 *             [--correct ID=LABEL ...] [--edit-draft ID=FILE ...] [--video]
 *        Main desk [--world DIR] [--interactive] [goal ...]
 *        Main [--world DIR] [--interactive] goal ...
 *   briefing            the morning briefing: triage, reply drafts, meetings, the bug from chat (default;
 *                       world ./briefing-world)
 *   desk                the desk agent (world ./desk-world), which shows the gate asking and the replan
 *   --world DIR         where the sample world is written and read
 *   --model DIR         briefing: write reply drafts with the Hugging Face model in DIR, in process
 *                       (or set AIOS_MODEL_DIR)
 *   --brains FILE       briefing: brains from a BrainCatalog properties file (or set AIOS_BRAINS);
 *                       OPENAI_API_KEY, ANTHROPIC_API_KEY and OLLAMA_BASE_URL / OLLAMA_HOST add brains too
 *   --allow-cloud       briefing: let brains at a provider read mail to draft replies (default: local only)
 *   --correct ID=LABEL  briefing: the message with Message-ID ID has the label needs-you, routine or noise;
 *                       learned before the run and kept (repeatable)
 *   --edit-draft ID=FILE  briefing: FILE holds your edit of the draft for ID (a draft from out/drafts or
 *                       just the text); kept as your voice for later drafts (repeatable)
 *   --video             briefing: also make out/briefing.mp4, a video of about a minute (slides, narration,
 *                       subtitles, music), with ai-os-media; needs ffmpeg and espeak-ng
 *   --interactive       desk agent: ask at the console before destructive steps (default: deny them)
 *   goal                desk agent: what to do (default: prepare my day)
 * </pre>
 * The briefing shows each message's id. Exits 0 when the goal succeeded, 1 when it did not, 2 on
 * bad arguments (a bad label, an unknown message id, a missing file or model folder).
 */
public final class Main {
    static final String DEFAULT_GOAL =
            "Prepare my day: today's meetings, notes on the people in them, my open tasks; and tell the team";

    static final String USAGE = "usage: Main [briefing] [--world DIR] [--model DIR] [--brains FILE] [--allow-cloud]"
            + " [--correct ID=LABEL ...] [--edit-draft ID=FILE ...] [--video] | Main desk [--world DIR] [--interactive] [goal ...]";

    /** The labels {@code --correct} accepts. */
    static final List<String> LABELS = List.of("needs-you", "routine", "noise");

    /**
     * What the briefing was asked to do besides running.
     *
     * @param corrections message id to label, in the order given
     * @param edits message id to the file holding the edited draft, in the order given
     * @param model a model folder, or null
     * @param brains a brain configuration file, or null
     * @param allowCloud whether cloud brains may read mail
     */
    record BriefingOptions(Map<String, String> corrections, Map<String, Path> edits, @Nullable Path model,
            @Nullable Path brains, boolean allowCloud, boolean video) {
        static BriefingOptions none() {
            return new BriefingOptions(Map.of(), Map.of(), null, null, false, false);
        }
    }

    private Main() {}

    /** Runs the briefing or the desk agent; see the class comment for arguments. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
    }

    static int run(String[] args, PrintStream out) {
        return run(args, out, System.getenv());
    }

    /** {@link #run(String[], PrintStream)} with the environment given (brains are found in it). */
    public static int run(String[] args, PrintStream out, Map<String, String> environment) {
        Path world = null;
        boolean interactive = false;
        List<String> goalWords = new ArrayList<>();
        Map<String, String> corrections = new LinkedHashMap<>();
        Map<String, Path> edits = new LinkedHashMap<>();
        Path model = null;
        Path brains = null;
        boolean allowCloud = false;
        boolean video = false;
        boolean briefingOption = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (Set.of("--world", "--model", "--brains", "--correct", "--edit-draft").contains(option)
                    && i + 1 == args.length) {
                out.println(option + " needs a value; " + USAGE);
                return 2;
            }
            switch (option) {
                case "--world" -> world = Path.of(args[++i]);
                case "--model" -> {
                    model = Path.of(args[++i]);
                    briefingOption = true;
                }
                case "--brains" -> {
                    brains = Path.of(args[++i]);
                    briefingOption = true;
                }
                case "--allow-cloud" -> {
                    allowCloud = true;
                    briefingOption = true;
                }
                case "--video" -> {
                    video = true;
                    briefingOption = true;
                }
                case "--correct" -> {
                    String value = args[++i];
                    int eq = value.lastIndexOf('=');
                    String label = eq < 0 ? "" : value.substring(eq + 1).strip();
                    if (eq <= 0 || !LABELS.contains(label)) {
                        out.println("--correct " + value + ": expected ID=LABEL with LABEL one of "
                                + String.join(", ", LABELS) + (eq <= 0 ? "" : " (got '" + label + "')"));
                        return 2;
                    }
                    corrections.put(value.substring(0, eq).strip(), label);
                    briefingOption = true;
                }
                case "--edit-draft" -> {
                    String value = args[++i];
                    int eq = value.indexOf('=');
                    if (eq <= 0 || eq == value.length() - 1) {
                        out.println("--edit-draft " + value + ": expected ID=FILE, FILE holding your edited draft");
                        return 2;
                    }
                    Path file = Path.of(value.substring(eq + 1));
                    if (!Files.isRegularFile(file)) {
                        out.println("--edit-draft " + value + ": no such file " + file);
                        return 2;
                    }
                    edits.put(value.substring(0, eq).strip(), file);
                    briefingOption = true;
                }
                case "--interactive" -> interactive = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        out.println("unknown option " + args[i] + "; " + USAGE);
                        return 2;
                    }
                    goalWords.add(args[i]);
                }
            }
        }
        if (goalWords.isEmpty() || goalWords.equals(List.of("briefing"))) {
            return briefing(world == null ? Path.of("briefing-world") : world, out,
                    new BriefingOptions(corrections, edits, model, brains, allowCloud, video), environment);
        }
        if (briefingOption) {
            out.println("--model, --brains, --allow-cloud, --correct, --edit-draft and --video are for the briefing, not the desk agent; "
                    + USAGE);
            return 2;
        }
        if (goalWords.get(0).equals("desk")) {
            goalWords.remove(0);
        }
        String goal = goalWords.isEmpty() ? DEFAULT_GOAL : String.join(" ", goalWords);
        SampleWorld sample = SampleWorld.writeTo((world == null ? Path.of("desk-world") : world).toAbsolutePath());
        out.println("AI-OS desk agent: rule-based brain, in-process tools, no network, no keys");
        out.println("world:   " + sample.root());
        out.println("goal:    " + goal);
        out.println();
        RunOutcome outcome = new DeskAgent(sample, interactive, out).run(goal);
        out.println();
        out.println(outcome.answer());
        out.println();
        out.printf("status:  %s (%s)%n", outcome.status(), outcome.detail());
        out.printf("run:     %d plan(s), %d step attempt(s), %d model call(s), %d tokens, %d ms%n",
                outcome.plans(), outcome.stepsTaken(), outcome.usage().modelCalls(), outcome.usage().totalTokens(),
                outcome.elapsed().toMillis());
        out.println("output:  " + sample.out());
        return outcome.succeeded() ? 0 : 1;
    }

    /** Runs the morning briefing over the briefing world under {@code folder}; 0 when it ran through. */
    static int briefing(Path folder, PrintStream out) {
        return briefing(folder, out, BriefingOptions.none(), Map.of());
    }

    /**
     * Runs the morning briefing with brains, corrections and edits; 0 when it ran through, 2 when an
     * option was wrong (a model folder that does not load, an unknown message id).
     */
    static int briefing(Path folder, PrintStream out, BriefingOptions options, Map<String, String> environment) {
        Map<String, String> edited = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : options.edits().entrySet()) {
            try {
                edited.put(e.getKey(), draftBody(Files.readString(e.getValue())));
            } catch (IOException | RuntimeException ex) {
                out.println("--edit-draft " + e.getKey() + "=" + e.getValue() + ": cannot read it: " + ex.getMessage());
                return 2;
            }
        }
        BriefingWorld world = BriefingWorld.writeTo(folder);
        BriefingBrains brains;
        try {
            brains = BriefingBrains.configure(options.model(), options.brains(), environment);
        } catch (RuntimeException e) {
            out.println("cannot use the configured brains: " + e.getMessage());
            return 2;
        }
        BriefingReport report;
        // The journal makes the briefing survive being killed: run it again and it goes on where it stopped.
        try (brains; Memory memory = BriefingMemory.open(world.state());
                FileRunJournal journal = FileRunJournal.open(world.state().resolve("journal"))) {
            out.println("AI-OS morning briefing: awareness daemon, MiniLM triage, " + brains.describe()
                    + (brains.brains().isEmpty() || options.allowCloud() ? "" : "; mail stays on local brains"));
            out.println("world:   " + world.root());
            out.println();
            BriefingAgent agent = new BriefingAgent(world, memory, out, brains.brains(), options.allowCloud(), journal);
            if (!options.corrections().isEmpty() || !edited.isEmpty()) {
                agent.ingest();
                try {
                    for (Map.Entry<String, String> c : options.corrections().entrySet()) {
                        agent.correct(c.getKey(), c.getValue());
                        out.printf("[correct] %s is %s: learned and kept%n", c.getKey(), c.getValue());
                    }
                    for (Map.Entry<String, String> e : edited.entrySet()) {
                        agent.draftEdited(e.getKey(), e.getValue());
                    }
                } catch (IllegalArgumentException e) {
                    out.println(e.getMessage());
                    return 2;
                }
            }
            report = agent.run();
        }
        out.println();
        out.print(report.markdown());
        out.println();
        out.println("output:  " + world.out().resolve("briefing.md") + ", " + world.out().resolve("briefing.html"));
        return options.video() ? video(world, report, out) : 0;
    }

    /**
     * Makes the briefing's video; 0 when it was made, 1 when it could not be (a program it needs
     * is missing: the message names it and how to install it).
     */
    static int video(BriefingWorld world, BriefingReport report, PrintStream out) {
        out.println();
        out.println("making the briefing video (slides, narration, music, subtitles) ...");
        try {
            BriefingVideo.Made made = BriefingVideo.withInstalledPrograms().render(report, world.setup().user().name(),
                    world.today(), world.out(), new VideoProgress(out));
            out.printf("video:   %s (%.0f s, %d slides; the slides also as %s), made in %.1f s%n", made.mp4(),
                    made.length().toMillis() / 1000.0, made.slides(), made.pptx().getFileName(),
                    made.stages().get("total").toMillis() / 1000.0);
            return 0;
        } catch (MediaException e) {
            out.println("the briefing ran, but its video could not be made: " + e.getMessage());
            return 1;
        }
    }

    /** Prints each stage of the video as it starts, then at each quarter of it. */
    private static final class VideoProgress implements MediaProgress {
        private final PrintStream out;
        private String stage = "";
        private double printed;

        VideoProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void update(String stage, double done, double total) {
            boolean started = !stage.equals(this.stage);
            boolean quarter = total > 0 && Math.floor(4 * done / total) > Math.floor(4 * printed / total);
            if (started || quarter) {
                out.printf("[video]   %s%s%n", stage, total > 0 ? " %.0f/%.0f".formatted(done, total) : "");
                this.stage = stage;
                printed = done;
            }
        }
    }

    /** The text of an edited draft: a draft file from out/drafts loses its headers, plain text stays as it is. */
    static String draftBody(String text) {
        String t = text.replace("\r\n", "\n");
        int blank = t.indexOf("\n\n");
        if (t.startsWith("To: ") && blank > 0 && t.substring(0, blank).contains("\nSubject: ")) {
            return t.substring(blank + 2).strip();
        }
        return t.strip();
    }
}
