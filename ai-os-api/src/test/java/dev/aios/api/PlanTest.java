package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    void acceptsADagWithReferencesToAncestors() {
        Plan plan = Plan.of(
                PlanStep.call("a", "t", Map.of()),
                PlanStep.call("b", "t", Map.of("x", "{{a}}")).after("a"),
                PlanStep.call("c", "t", Map.of("nested", List.of(Map.of("y", "{{ a }} and {{b}}")))).after("b"));

        assertThat(plan.steps()).extracting(PlanStep::id).containsExactly("a", "b", "c");
        assertThat(plan.step("b").dependsOn()).containsExactly("a");
        assertThat(plan.step("zzz")).isNull();
    }

    @Test
    void rejectsDuplicateIds() {
        assertThatThrownBy(() -> Plan.of(PlanStep.call("a", "t", Map.of()), PlanStep.call("a", "u", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two steps have the id 'a'");
    }

    @Test
    void rejectsUnknownDependency() {
        assertThatThrownBy(() -> Plan.of(PlanStep.call("a", "t", Map.of()).after("ghost")))
                .hasMessageContaining("step a depends on 'ghost', which is not a step of the plan [a]");
    }

    @Test
    void rejectsCyclesNamingThePath() {
        assertThatThrownBy(() -> Plan.of(
                        PlanStep.call("a", "t", Map.of()).after("c"),
                        PlanStep.call("b", "t", Map.of()).after("a"),
                        PlanStep.call("c", "t", Map.of()).after("b")))
                .hasMessageContaining("cycle: a -> c -> b -> a");
    }

    @Test
    void rejectsSelfDependency() {
        assertThatThrownBy(() -> PlanStep.call("a", "t", Map.of()).after("a")).hasMessage("step a depends on itself");
    }

    @Test
    void rejectsReferenceToAStepItDoesNotDependOn() {
        assertThatThrownBy(() -> Plan.of(PlanStep.call("a", "t", Map.of()), PlanStep.call("b", "t", Map.of("x", "{{a}}"))))
                .hasMessageContaining("step b uses {{a}} but does not depend on a step with that id");
    }

    @Test
    void rejectsAnswerReferencingUnknownStep() {
        assertThatThrownBy(() -> new Plan(List.of(PlanStep.call("a", "t", Map.of())), "{{b}}", ""))
                .hasMessageContaining("the answer uses {{b}}");
    }

    @Test
    void rejectsEmptyPlan() {
        assertThatThrownBy(() -> new Plan(List.of(), null, "")).hasMessage("a plan needs at least one step");
    }

    @Test
    void expectationRejectsInvalidRegexEarly() {
        assertThatThrownBy(() -> Expectation.matches("(unclosed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid regular expression: (unclosed");
    }

    // Validation used to walk every step's ancestors afresh: quadratic, about 10-23 s of CPU for a
    // 30,000-step chain. The two tests below assert the outcome only; on a laptop both take well
    // under a second now.
    @Test
    void validatesALongChainWhereEveryStepUsesTheFirstAndThePreviousStep() {
        int n = 30_000;
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.call("s0", "t", Map.of()));
        for (int i = 1; i < n; i++) {
            steps.add(PlanStep.call("s" + i, "t", Map.of("x", "{{s0}} then {{s" + (i - 1) + "}}")).after("s" + (i - 1)));
        }

        Plan plan = new Plan(steps, "{{s" + (n - 1) + "}}", "");

        assertThat(plan.steps()).hasSize(n);
    }

    @Test
    void validatesAWideFanAndStillFindsTheOneBadReference() {
        int n = 30_000;
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.call("root", "t", Map.of()));
        for (int i = 1; i < n; i++) {
            steps.add(PlanStep.call("leaf" + i, "t", Map.of("x", "{{root}}")).after("root"));
        }
        assertThat(new Plan(steps, null, "").steps()).hasSize(n);

        // A leaf may not use a sibling: siblings are not ancestors.
        steps.add(PlanStep.call("last", "t", Map.of("x", "{{leaf7}}")).after("root"));
        assertThatThrownBy(() -> new Plan(steps, null, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step last uses {{leaf7}} but does not depend on a step with that id");
    }

    @Test
    void findsReferencesToIndirectAncestorsBeyondTheFirst64Targets() {
        // More than 64 referenced steps: the check runs in passes of 64; each must see its own.
        List<PlanStep> steps = new ArrayList<>();
        steps.add(PlanStep.call("s0", "t", Map.of()));
        for (int i = 1; i < 200; i++) {
            steps.add(PlanStep.call("s" + i, "t", Map.of("x", "{{s" + (i - 1) + "}} {{s" + (i / 2) + "}}"))
                    .after("s" + (i - 1)));
        }
        assertThat(new Plan(steps, null, "").steps()).hasSize(200);

        steps.add(PlanStep.call("s200", "t", Map.of("x", "{{s150}} {{s199}}")));
        assertThatThrownBy(() -> new Plan(steps, null, ""))
                .hasMessageStartingWith("step s200 uses {{s1");
    }

    @Test
    void rejectsAStepThatUsesItself() {
        assertThatThrownBy(() -> Plan.of(PlanStep.call("a", "t", Map.of("x", "{{a}}"))))
                .hasMessage("step a uses {{a}} but does not depend on a step with that id");
    }

    @Test
    void refusesPlansBeyondTheStepCapWithTheNumbers() {
        List<PlanStep> steps = new ArrayList<>();
        for (int i = 0; i <= Plan.MAX_STEPS; i++) {
            steps.add(PlanStep.call("s" + i, "t", Map.of()));
        }
        assertThatThrownBy(() -> new Plan(steps, null, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a plan may have at most 50000 steps, this one has 50001");
    }

    @Test
    void expectationRefusesOverlongPatterns() {
        String pattern = "a".repeat(Expectation.MAX_PATTERN_LENGTH + 1);
        assertThatThrownBy(() -> Expectation.matches(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expectation 'matches' is 1001 characters long, more than the 1000 allowed: use a shorter pattern");
        assertThat(Expectation.matches("a".repeat(Expectation.MAX_PATTERN_LENGTH)).matches()).hasSize(1000);
    }
}
