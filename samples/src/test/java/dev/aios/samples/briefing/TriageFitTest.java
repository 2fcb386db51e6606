package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fit moves a rule only as far as the mail demands, and no mail leaves the priors as they are. */
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
}
