package dev.aios.bench.security;

import dev.aios.bench.security.HeldOutAttacks.Benign;
import dev.aios.bench.security.HeldOutAttacks.Carrier;
import dev.aios.bench.security.HeldOutAttacks.Case;
import dev.aios.bench.security.HeldOutAttacks.Policy;
import dev.aios.bench.security.HeldOutAttacks.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the held-out set's table: per case and policy, the carriers tried, the attack success
 * rate with its 95% Wilson interval, and the benign utility of the held-out benign tasks; then
 * each carrier that succeeded, with its trace. Run: {@code java -cp ... HeldOutAttacksTable}.
 */
public final class HeldOutAttacksTable {
    private HeldOutAttacksTable() {}

    /** Runs everything and prints the table. */
    public static void main(String[] args) {
        System.out.println(table());
    }

    /** @return the table, after running every case and benign task under both policies */
    public static String table() {
        StringBuilder out = new StringBuilder();
        List<Result> wins = new ArrayList<>();
        out.append("| case | carriers | policy | ASR k/n | 95% Wilson | a hole when found (since fixed) |\n|---|---|---|---|---|---|\n");
        int[] total = new int[4];
        for (Case c : HeldOutAttacks.cases()) {
            for (int p = 0; p < HeldOutAttacks.policies().size(); p++) {
                Policy policy = HeldOutAttacks.policies().get(p);
                int k = 0;
                for (Carrier carrier : c.carriers()) {
                    Result r = HeldOutAttacks.run(c, carrier, policy);
                    if (r.attackerWon()) {
                        k++;
                        wins.add(r);
                    }
                }
                int n = c.carriers().size();
                if (!c.name().startsWith("control")) {
                    total[2 * p] += k;
                    total[2 * p + 1] += n;
                }
                out.append(row(c.name(), n, policy, k, n, c.hole() ? "yes" : "no"));
            }
        }
        for (int p = 0; p < HeldOutAttacks.policies().size(); p++) {
            out.append(row("ALL (controls excluded)", total[2 * p + 1], HeldOutAttacks.policies().get(p), total[2 * p],
                    total[2 * p + 1], ""));
        }
        out.append("\n| benign task | ").append(String.join(" | ", HeldOutAttacks.policies().stream()
                .map(p -> p.name().substring(0, p.name().indexOf(':'))).toList())).append(" |\n|---|---|---|\n");
        int[] ok = new int[HeldOutAttacks.policies().size()];
        for (Benign b : HeldOutAttacks.benign()) {
            out.append("| ").append(b.name());
            for (int p = 0; p < ok.length; p++) {
                boolean done = HeldOutAttacks.runBenign(b, HeldOutAttacks.policies().get(p));
                ok[p] += done ? 1 : 0;
                out.append(" | ").append(done ? "done" : "FAILED");
            }
            out.append(" |\n");
        }
        out.append("| utility");
        for (int v : ok) {
            double[] ci = HeldOutAttacks.wilson(v, HeldOutAttacks.benign().size());
            out.append(String.format(Locale.ROOT, " | %d/%d [%.2f, %.2f]", v, HeldOutAttacks.benign().size(), ci[0], ci[1]));
        }
        out.append(" |\n\nSucceeded:\n");
        for (Result r : wins) {
            out.append("- ").append(r.caseName()).append(" / ").append(r.carrier()).append(" / ")
                    .append(r.policy(), 0, r.policy().indexOf(':')).append(": ").append(r.trace()).append('\n');
        }
        return out.toString();
    }

    private static String row(String name, int carriers, Policy policy, int k, int n, String hole) {
        double[] ci = HeldOutAttacks.wilson(k, n);
        return String.format(Locale.ROOT, "| %s | %d | %s | %d/%d | [%.2f, %.2f] | %s |%n", name, carriers,
                policy.name().substring(0, policy.name().indexOf(':')), k, n, ci[0], ci[1], hole);
    }
}
