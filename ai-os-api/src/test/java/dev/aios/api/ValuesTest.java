package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void goalCopiesItsCollectionsAndKeepsContextOrder() {
        Map<String, String> context = new HashMap<>();
        Goal goal = Goal.builder("do it").context("b", "2").context("a", "1").tag("private").tag("urgent").build();

        assertThat(goal.context().keySet()).containsExactly("b", "a");
        assertThat(goal.tags()).containsExactly("private", "urgent");
        assertThat(goal.isPrivate()).isTrue();
        assertThatThrownBy(() -> goal.context().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        context.put("x", "y");
        assertThat(goal.context()).doesNotContainKey("x");
    }

    @Test
    void goalRejectsBlankTextWithTheFieldName() {
        assertThatThrownBy(() -> Goal.of("  ")).hasMessage("goal text must not be blank");
        assertThatThrownBy(() -> Goal.builder("x").context("k", null)).hasMessage("context value must not be null");
    }

    @Test
    void budgetValidatesEveryLimit() {
        assertThat(Budget.defaults().maxSteps()).isEqualTo(50);
        assertThatThrownBy(() -> Budget.defaults().withMaxSteps(0)).hasMessage("maxSteps must be >= 1, was 0");
        assertThatThrownBy(() -> Budget.defaults().withMaxTokens(-1)).hasMessage("maxTokens must be >= 0, was -1");
        assertThatThrownBy(() -> Budget.defaults().withMaxCost(new BigDecimal("-1")))
                .hasMessage("maxCost must be >= 0, was -1");
        assertThatThrownBy(() -> Budget.defaults().withMaxWallTime(Duration.ZERO))
                .hasMessage("maxWallTime must be positive, was PT0S");
    }

    @Test
    void usageAddsUp() {
        Usage sum = new Usage(1, 10, 5, new BigDecimal("0.5")).plus(new Usage(2, 1, 1, new BigDecimal("0.25")));
        assertThat(sum).isEqualTo(new Usage(3, 11, 6, new BigDecimal("0.75")));
        assertThat(sum.totalTokens()).isEqualTo(17);
    }

    @Test
    void brainProfilePricesPerMillionTokens() {
        BrainProfile cloud = new BrainProfile("x", BrainProfile.Location.CLOUD, new BigDecimal("3"),
                new BigDecimal("15"), 1000, java.util.Set.of(), Duration.ofSeconds(1));
        assertThat(cloud.cost(1_000_000, 100_000)).isEqualByComparingTo("4.5");
        assertThat(BrainProfile.local("djl").cost(5000, 5000)).isEqualByComparingTo("0");
    }

    @Test
    void memoryRecordRejectsImportanceOutsideZeroToOne() {
        assertThatThrownBy(() -> new MemoryRecord("id", MemoryLayer.SESSION, "t", java.time.Instant.now(), Double.NaN,
                Map.of())).hasMessage("importance must be within [0, 1], was NaN");
    }

    @Test
    void unknownToolRiskIsTheSafeAssumption() {
        assertThat(ToolRisk.UNKNOWN.level()).isEqualTo(ToolRisk.Level.SIDE_EFFECTING);
        assertThat(ToolRisk.UNKNOWN.idempotent()).isFalse();
        assertThat(ToolRisk.UNKNOWN.openWorld()).isTrue();
        assertThat(ToolRisk.READ_ONLY.readOnly()).isTrue();
    }

    @Test
    void runOutcomeNamesTheExhaustedBudgetExactlyWhenExhausted() {
        Goal goal = Goal.of("g");
        assertThatThrownBy(() -> new RunOutcome("r", goal, RunStatus.BUDGET_EXHAUSTED, "", "", null,
                java.util.List.of(), 1, Usage.NONE, Duration.ZERO, null))
                .hasMessageContaining("exhausted must be set exactly when the status is BUDGET_EXHAUSTED");
    }
}
