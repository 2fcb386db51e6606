package dev.aios.samples;

import dev.aios.api.RunOutcome;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line entry point, README's main job: runs the desk agent on the sample world.
 * <pre>
 * usage: Main [--world DIR] [--interactive] [goal ...]
 *   --world DIR     where the sample world is written and read (default: ./desk-world)
 *   --interactive   ask at the console before destructive steps (default: deny them)
 *   goal            what to do (default: prepare my day)
 * </pre>
 * Exits 0 when the goal succeeded, 1 when it did not, 2 on bad arguments.
 */
public final class Main {
    static final String DEFAULT_GOAL =
            "Prepare my day: today's meetings, notes on the people in them, my open tasks; and tell the team";

    private Main() {}

    /** Runs the desk agent; see the class comment for arguments. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8)));
    }

    static int run(String[] args, PrintStream out) {
        Path world = Path.of("desk-world");
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
                    out.println("usage: Main [--world DIR] [--interactive] [goal ...]");
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        out.println("unknown option " + args[i] + "; usage: Main [--world DIR] [--interactive] [goal ...]");
                        return 2;
                    }
                    goalWords.add(args[i]);
                }
            }
        }
        String goal = goalWords.isEmpty() ? DEFAULT_GOAL : String.join(" ", goalWords);
        SampleWorld sample = SampleWorld.writeTo(world.toAbsolutePath());
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
}
