package dev.aios.samples;

import dev.aios.api.Memory;
import dev.aios.api.RunOutcome;
import dev.aios.samples.briefing.BriefingAgent;
import dev.aios.samples.briefing.BriefingMemory;
import dev.aios.samples.briefing.BriefingReport;
import dev.aios.samples.briefing.BriefingWorld;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line entry point, README's main job: the morning briefing on its sample world
 * (the default), or the desk agent on its own small world.
 * <pre>
 * usage: Main [briefing] [--world DIR]
 *        Main desk [--world DIR] [--interactive] [goal ...]
 *        Main [--world DIR] [--interactive] goal ...
 *   briefing        the morning briefing: triage, reply drafts, meetings, the bug from chat (default;
 *                   world ./briefing-world)
 *   desk            the desk agent (world ./desk-world), which shows the gate asking and the replan
 *   --world DIR     where the sample world is written and read
 *   --interactive   desk agent: ask at the console before destructive steps (default: deny them)
 *   goal            desk agent: what to do (default: prepare my day)
 * </pre>
 * Exits 0 when the goal succeeded, 1 when it did not, 2 on bad arguments.
 */
public final class Main {
    static final String DEFAULT_GOAL =
            "Prepare my day: today's meetings, notes on the people in them, my open tasks; and tell the team";

    static final String USAGE = "usage: Main [briefing] [--world DIR] | Main desk [--world DIR] [--interactive] [goal ...]";

    private Main() {}

    /** Runs the briefing or the desk agent; see the class comment for arguments. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
    }

    static int run(String[] args, PrintStream out) {
        Path world = null;
        boolean interactive = false;
        List<String> goalWords = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--world" -> {
                    if (i + 1 == args.length) {
                        out.println("--world needs a folder");
                        return 2;
                    }
                    world = Path.of(args[++i]);
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
            return briefing(world == null ? Path.of("briefing-world") : world, out);
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
        BriefingWorld world = BriefingWorld.writeTo(folder);
        out.println("AI-OS morning briefing: awareness daemon, MiniLM triage, rule-based brain; no network, no keys");
        out.println("world:   " + world.root());
        out.println();
        BriefingReport report;
        try (Memory memory = BriefingMemory.open(world.state())) {
            report = new BriefingAgent(world, memory, out).run();
        }
        out.println();
        out.print(report.markdown());
        out.println();
        out.println("output:  " + world.out().resolve("briefing.md") + ", " + world.out().resolve("briefing.html"));
        return 0;
    }
}
