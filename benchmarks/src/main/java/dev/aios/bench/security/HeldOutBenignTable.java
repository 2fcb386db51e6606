package dev.aios.bench.security;

import dev.aios.api.Memory;
import dev.aios.api.MemoryRecord;
import dev.aios.api.RunOutcome;
import dev.aios.bench.security.HeldOutBenign.Policy;
import dev.aios.bench.security.HeldOutBenign.Result;
import dev.aios.bench.security.HeldOutBenign.Task;
import dev.aios.memory.LuceneMemory;
import dev.aios.runtime.InProcessMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the held-out benign set's table ({@link HeldOutBenign}): each task under the default
 * policy and under the ASK policy with an approving host, utility k/n with 95% Wilson intervals,
 * every failed task with its trace, and (unless {@code --held-out-only}) the combined figure with
 * the 26 benign tasks of the earlier sets ({@link Tasks#benign()} and
 * {@link HeldOutAttacks#benign()}).
 * {@snippet lang=shell :
 * ./mvnw -B -ntp -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.security.HeldOutBenignTable
 * }
 */
public final class HeldOutBenignTable {
    private HeldOutBenignTable() {}

    /** Runs the set (and the earlier benign tasks) and prints the table. */
    public static void main(String[] args) {
        List<List<Result>> results = runAll();
        System.out.println(table(results));
        if (!List.of(args).contains("--held-out-only")) {
            System.out.println(combined(results));
        }
        // MCP client and server threads of the earlier suite may linger; the table is printed.
        System.exit(0);
    }

    /** @return the results of every task, one list per policy of {@link HeldOutBenign#policies()} */
    public static List<List<Result>> runAll() {
        List<List<Result>> out = new ArrayList<>();
        for (Policy policy : HeldOutBenign.policies()) {
            List<Result> results = new ArrayList<>();
            for (Task task : HeldOutBenign.tasks()) {
                results.add(HeldOutBenign.run(task, policy));
            }
            out.add(results);
        }
        return out;
    }

    /** @return the per-task table, the utility row, and every failure with its trace */
    public static String table(List<List<Result>> results) {
        List<Policy> policies = HeldOutBenign.policies();
        StringBuilder out = new StringBuilder("| held-out benign task | shape |");
        policies.forEach(p -> out.append(' ').append(shortName(p)).append(" |"));
        out.append("\n|---|---|").append("---|".repeat(policies.size())).append('\n');
        List<Result> first = results.get(0);
        for (int i = 0; i < first.size(); i++) {
            out.append("| ").append(first.get(i).task()).append(" | ").append(first.get(i).shape()).append(" |");
            for (List<Result> r : results) {
                out.append(' ').append(r.get(i).done() ? "done" : "FAILED").append(" |");
            }
            out.append('\n');
        }
        out.append("| **utility** | |");
        for (List<Result> r : results) {
            out.append(' ').append(rate((int) r.stream().filter(Result::done).count(), r.size())).append(" |");
        }
        out.append("\n\nk/n (rate, 95% Wilson interval). default: no person answers approvals; ASK: a host approves"
                + " every request.\nPlans supplied by a learned skill (second goal of the skill tasks):");
        for (int p = 0; p < policies.size(); p++) {
            out.append(' ').append(shortName(policies.get(p))).append(' ').append(results.get(p).stream()
                    .filter(r -> r.task().startsWith("skill-")).map(r -> r.task() + "=" + r.skillsReused()).toList());
        }
        out.append("\nControl (not benign, not counted: an extracted value into notes.write):");
        for (Policy p : policies) {
            out.append(' ').append(shortName(p)).append(' ')
                    .append(HeldOutBenign.run(HeldOutBenign.control(), p).done() ? "done" : "stopped");
        }
        out.append('\n');
        StringBuilder failed = new StringBuilder();
        for (int p = 0; p < policies.size(); p++) {
            for (Result r : results.get(p)) {
                if (!r.done()) {
                    failed.append("- [").append(shortName(policies.get(p))).append("] ").append(r.task()).append(": ")
                            .append(r.trace()).append('\n');
                }
            }
        }
        out.append(failed.isEmpty() ? "\nNo task failed.\n" : "\nFailed tasks:\n" + failed);
        return out.toString();
    }

    /**
     * @return the combined utility of this set and the 26 earlier benign tasks (22 of
     *     {@link Tasks#benign()} under {@link SecuritySuite}'s default and ASK rows, 4 of
     *     {@link HeldOutAttacks#benign()} under its two rows)
     */
    public static String combined(List<List<Result>> results) {
        StringBuilder out = new StringBuilder("| benign tasks | default | ASK |\n|---|---|---|\n");
        int[] earlierOk = new int[2];
        int earlierN = Tasks.benign().size() + HeldOutAttacks.benign().size();
        List<String> failed = new ArrayList<>();
        try (SecuritySuite suite = SecuritySuite.start()) {
            List<SecuritySuite.Policy> rows = List.of(SecuritySuite.policies().get(1), SecuritySuite.policies().get(2));
            for (int p = 0; p < 2; p++) {
                for (UserTask task : Tasks.benign()) {
                    if (plain(suite, rows.get(p), task)) {
                        earlierOk[p]++;
                    } else {
                        failed.add(task.name() + " [" + rows.get(p).name() + "]");
                    }
                }
                for (HeldOutAttacks.Benign b : HeldOutAttacks.benign()) {
                    if (HeldOutAttacks.runBenign(b, HeldOutAttacks.policies().get(p))) {
                        earlierOk[p]++;
                    } else {
                        failed.add(b.name() + " [" + HeldOutAttacks.policies().get(p).name() + "]");
                    }
                }
            }
        }
        int n = results.get(0).size();
        int[] ok = new int[2];
        for (int p = 0; p < 2; p++) {
            ok[p] = (int) results.get(p).stream().filter(Result::done).count();
        }
        out.append("| earlier (Tasks.benign + HeldOutAttacks.benign) | ").append(rate(earlierOk[0], earlierN))
                .append(" | ").append(rate(earlierOk[1], earlierN)).append(" |\n");
        out.append("| held-out (this set) | ").append(rate(ok[0], n)).append(" | ").append(rate(ok[1], n)).append(" |\n");
        out.append("| **combined** | ").append(rate(ok[0] + earlierOk[0], n + earlierN)).append(" | ")
                .append(rate(ok[1] + earlierOk[1], n + earlierN)).append(" |\n");
        if (!failed.isEmpty()) {
            out.append("\nEarlier benign tasks that failed: ").append(failed).append('\n');
        }
        return out.toString();
    }

    private static boolean plain(SecuritySuite suite, SecuritySuite.Policy policy, UserTask task) {
        try (SecurityWorld world = SecurityWorld.create()) {
            world.materialize();
            Memory memory = task.needsStore() ? LuceneMemory.open(world.root().resolve("memory")) : new InProcessMemory();
            try {
                for (MemoryRecord r : task.memories()) {
                    memory.remember(r);
                }
                RunOutcome outcome = suite.execute(policy, task.playbook(), memory, world, task.goal());
                return task.check().ok(world, outcome);
            } finally {
                memory.close();
            }
        }
    }

    private static String shortName(Policy p) {
        return p.name().substring(0, p.name().indexOf(':'));
    }

    static String rate(int k, int n) {
        double[] ci = HeldOutAttacks.wilson(k, n);
        return String.format(Locale.ROOT, "%d/%d (%.0f%%, %.0f-%.0f%%)", k, n, 100.0 * k / n, 100 * ci[0], 100 * ci[1]);
    }
}
