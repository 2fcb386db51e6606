package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triage against the world's hidden labels: better than guessing, and (almost) no worse after corrections. */
class TriageMeasurementTest {
    @TempDir
    Path dir;

    @Test
    void firstRunBeatsTheMajorityLabelAndCorrectionsCostAtMostOneMessageNotCorrected() {
        BriefingMeasurements.TriageResult r = BriefingMeasurements.triage(dir, LocalDate.of(2026, 3, 4));

        assertThat(r.messages()).isBetween(55, 65);
        assertThat(r.corrected()).hasSize(BriefingMeasurements.CORRECTIONS).doesNotHaveDuplicates();
        // A floor against regressions, not the goal: the weights are fitted on several worlds at once,
        // which costs this first world a few messages (83% against 87-93% when it was tuned alone).
        assertThat(r.firstRun()).isGreaterThan(r.baseline() + 0.2).isGreaterThanOrEqualTo(0.80);
        // Learning from a correction must not cost the messages nobody corrected. The goal is none;
        // a borderline message (a coin flip before) can still turn, so this guards against more than one.
        int uncorrected = r.messages() - r.corrected().size();
        assertThat(r.uncorrectedAfter()).isGreaterThanOrEqualTo(r.uncorrectedBefore() - 1.0 / uncorrected - 1e-9);
    }
}
