package dev.aios.bench.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aios.bench.routing.RouteLlmData.Item;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectHoldoutTest {
    /** Ten subjects of 20 prompts; in subject s the strong model gains on prompts with i < 2s. */
    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            for (int i = 0; i < 20; i++) {
                items.add(new Item("q" + s + "-" + i, "subject" + s, i % 3 == 0 ? 1 : 0, i < 2 * s || i % 3 == 0 ? 1 : 0));
            }
        }
        return items;
    }

    @Test
    void everySubjectFallsInExactlyOneFold() {
        List<Item> items = items();
        int[] fold = SubjectHoldout.folds(items, 3);
        for (int f = 0; f < 3; f++) {
            Set<String> in = new HashSet<>();
            Set<String> out = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                (fold[i] == f ? in : out).add(items.get(i).group());
            }
            assertFalse(in.isEmpty());
            in.retainAll(out);
            assertTrue(in.isEmpty(), () -> "subjects both scored and trained on in fold: " + in);
        }
    }

    @Test
    void bootstrapIntervalsHoldTheEstimateAndRepeat() {
        List<Item> items = items();
        double[] perfect = items.stream().mapToDouble(it -> it.strong() - it.weak()).toArray();
        Random random = new Random(3);
        double[] noise = items.stream().mapToDouble(it -> random.nextDouble()).toArray();
        List<SubjectHoldout.Interval> first = SubjectHoldout.bootstrap(items, List.of(perfect, noise), true);
        List<SubjectHoldout.Interval> again = SubjectHoldout.bootstrap(items, List.of(perfect, noise), true);

        assertEquals(3, first.size());
        assertEquals(again, first, "a fixed seed repeats the intervals");
        for (SubjectHoldout.Interval interval : first) {
            assertTrue(interval.low() <= interval.value() && interval.value() <= interval.high(), interval::format);
        }
        assertTrue(first.get(0).value() > first.get(1).value());
        assertTrue(first.get(2).low() > 0, "perfect minus noise, paired: " + first.get(2).format());
    }
}
