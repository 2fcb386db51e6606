package dev.aios.runtime.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name a mistyped or abbreviated one most likely meant, for "did you mean"
 * hints in messages a brain reads to repair its reply. The distance is an edit distance, case
 * ignored, in which adding a letter costs 1 and dropping or changing one costs 2: brains mostly
 * abbreviate ({@code args} for {@code arguments}, {@code goal} for {@code subgoal}), and plain
 * edit distance would rank {@code id} as close to {@code args} as {@code arguments} is.
 */
final class NearestName {
    /** Beyond the letters a shorter name must gain, how much else may differ: one dropped or changed letter. */
    private static final int MAX_EXCESS = 2;

    private NearestName() {}

    /** @return the name in {@code known} closest to {@code unknown}, if one is close enough to suggest */
    static Optional<String> to(String unknown, List<String> known) {
        String u = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestExcess = Integer.MAX_VALUE;
        int bestCost = Integer.MAX_VALUE;
        for (String candidate : known) {
            String k = candidate.toLowerCase(Locale.ROOT);
            int cost = distance(u, k);
            int excess = cost - Math.max(0, k.length() - u.length());
            if (excess < bestExcess || (excess == bestExcess && cost < bestCost)) {
                best = candidate;
                bestExcess = excess;
                bestCost = cost;
            }
        }
        return bestExcess <= MAX_EXCESS ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Weighted edit distance from {@code from} to {@code to}: insert 1, delete 2, substitute 2. */
    private static int distance(String from, String to) {
        int[] previous = new int[to.length() + 1];
        int[] current = new int[to.length() + 1];
        for (int j = 0; j <= to.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= from.length(); i++) {
            current[0] = 2 * i;
            for (int j = 1; j <= to.length(); j++) {
                int substitute = previous[j - 1] + (from.charAt(i - 1) == to.charAt(j - 1) ? 0 : 2);
                int delete = previous[j] + 2;
                int insert = current[j - 1] + 1;
                current[j] = Math.min(substitute, Math.min(delete, insert));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[to.length()];
    }
}
