package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
