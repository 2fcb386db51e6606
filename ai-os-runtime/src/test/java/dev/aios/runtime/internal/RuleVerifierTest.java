package dev.aios.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Expectation;
import dev.aios.api.PlanStep;
import dev.aios.api.ToolResult;
import dev.aios.api.Verification;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RuleVerifierTest {
    private final RuleVerifier verifier = new RuleVerifier();

    private Verification verify(Expectation expectation, String result) {
        PlanStep step = PlanStep.call("s1", "t", Map.of()).expecting(expectation);
        return verifier.verify(step, ToolResult.success(result), null); // the rules need no run context
    }

    @Test
    void passesAndFailsOnAnOrdinaryPattern() {
        assertThat(verify(Expectation.matches("order #\\d+"), "created order #42").passed()).isTrue();
        Verification miss = verify(Expectation.matches("order #\\d+"), "nothing created");
        assertThat(miss.passed()).isFalse();
        assertThat(miss.reason()).isEqualTo("the result does not match /order #\\d+/");
    }

    // Without a limit this pattern backtracks for hours on 10,000 characters. The timeout is a
    // safety net only: the assertion is that the check ends with a verdict that says why.
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void abandonsACatastrophicallyBacktrackingPatternWithAClearFailure() {
        Verification verdict = verify(Expectation.matches("(.*a){12}$"), "a".repeat(9_999) + "b");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reason())
                .startsWith("the pattern /(.*a){12}$/ took longer than " + RuleVerifier.MATCH_TIME_LIMIT.toMillis()
                        + " ms to match against the result's 10000 characters")
                .contains("use a simpler pattern");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInterruptAbandonsTheMatchAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            Verification verdict = verify(Expectation.matches("(.*a){12}$"), "a".repeat(9_999) + "b");

            assertThat(verdict.passed()).isFalse();
            assertThat(verdict.reason()).contains("was interrupted while matching");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
