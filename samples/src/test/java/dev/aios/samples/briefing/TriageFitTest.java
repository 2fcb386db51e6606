package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit moves a rule only as far as the mail demands, no mail leaves the priors as they are, and
 * triage ships the fit of its features as they are now.
 */
class TriageFitTest {
    private static TriageFit.Example example(Map<String, Double> features, int label) {
        return new TriageFit.Example(new double[] {0.3, 0.3, 0.3}, features, label);
    }

    @Test
    void withoutMailThePriorsStay() {
        TriageFit.Weights prior = TriageFit.priors();

        TriageFit.Weights fitted = TriageFit.fit(List.of(), prior);

        assertThat(fitted.bias()).containsExactly(prior.bias());
        assertThat(fitted.rules().get("decision words")).containsExactly(prior.rules().get("decision words"));
    }

    @Test
    void aRuleTheMailContradictsMovesTowardsTheMailButIsHeldByItsPrior() {
        TriageFit.Weights prior = TriageFit.priors();
        List<TriageFit.Example> data = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Mail with "update words" that needed the user every time.
            data.add(example(Map.of("update words", 1.0), 0));
            data.add(example(Map.of(), 1));
        }

        TriageFit.Weights fitted = TriageFit.fit(data, prior);
        double[] before = TriageFit.score(prior, data);
        double[] after = TriageFit.score(fitted, data);

        double[] w = fitted.rules().get("update words");
        assertThat(w[0] - w[1]).isGreaterThan(prior.rules().get("update words")[0] - prior.rules().get("update words")[1]);
        assertThat(after[1]).isGreaterThan(before[1]); // needs-you recall
        assertThat(fitted.rules().get("bulk mail header")[2]).isCloseTo(prior.rules().get("bulk mail header")[2],
                org.assertj.core.data.Offset.offset(0.05)); // a rule no mail spoke to stays
    }

    /**
     * A change to a cue changes what the fit would say: triage's weights must then be fitted again
     * (run {@link TriageFit#main} and copy its tables), never left over from other features.
     */
    @Test
    void triageShipsTheFitOfTheDevelopmentWorldsAsItsFeaturesAreNow(@TempDir Path dir) {
        List<TriageFit.Example> all = new ArrayList<>();
        for (BriefingWorld.Sample s : TriageFit.DEVELOPMENT) {
            all.addAll(TriageFit.examples(dir.resolve(s.name()), LocalDate.of(2026, 3, 4), s));
        }
        TriageFit.Weights fitted = TriageFit.fit(all, TriageFit.priors());
        TriageFit.Weights shipped = TriageFit.shipped();

        Offset<Double> rounding = Offset.offset(0.03);
        assertThat(shipped.rules().keySet()).containsExactlyElementsOf(TriageFit.HAND_RULES.keySet());
        assertThat(shipped.embedding()).isCloseTo(fitted.embedding(), rounding);
        for (int i = 0; i < 3; i++) {
            assertThat(shipped.bias()[i]).as("bias %d", i).isCloseTo(fitted.bias()[i], rounding);
            for (String rule : fitted.rules().keySet()) {
                assertThat(shipped.rules().get(rule)[i]).as("%s, label %d", rule, i).isCloseTo(fitted.rules().get(rule)[i], rounding);
            }
        }
        assertThat(TriageFit.HELD_OUT).doesNotContainAnyElementsOf(TriageFit.DEVELOPMENT);
    }
}
