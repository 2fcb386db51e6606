package dev.aios.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.InProcessToolRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan reader rejects what it does not know, with a message a brain can repair the plan from. */
class PlanJsonTest {
    private final ToolRegistry tools = InProcessToolRegistry.builder()
            .tool(new ToolDescriptor("notes.search", "search notes", "{\"type\":\"object\"}", ToolRisk.READ_ONLY),
                    args -> ToolResult.success("found"))
            .build();

    @Test
    void misspeltStepFieldIsRejectedWithTheFieldItProbablyMeant() {
        String reply = """
                {"steps": [{"id": "s1", "tool": "notes.search", "arguments": {"text": "a"}},
                           {"id": "s2", "tool": "notes.search", "args": {"text": "b"}}]}""";

        assertThatIllegalArgumentException().isThrownBy(() -> PlanJson.parse(reply, tools))
                .withMessage("unknown field 'args' in step s2; did you mean 'arguments'?");
    }

    @Test
    void nearMissesOfEveryKindGetTheirSuggestion() {
        assertThat(problem("{\"steps\": [{\"id\": \"s1\", \"tool\": \"notes.search\", \"depends_on\": []}]}"))
                .isEqualTo("unknown field 'depends_on' in step s1; did you mean 'dependsOn'?");
        assertThat(problem("{\"steps\": [{\"id\": \"s1\", \"goal\": \"smaller\"}]}"))
                .isEqualTo("unknown field 'goal' in step s1; did you mean 'subgoal'?");
        assertThat(problem("{\"steps\": [{\"id\": \"s1\", \"tool\": \"notes.search\", \"expect\": {\"contain\": \"x\"}}]}"))
                .isEqualTo("unknown field 'contain' in step s1 expect; did you mean 'contains'?");
    }

    @Test
    void unknownTopLevelFieldIsRejectedToo() {
        assertThat(problem("{\"step\": [{\"id\": \"s1\", \"tool\": \"notes.search\"}]}"))
                .isEqualTo("unknown field 'step' in the plan; did you mean 'steps'?");
    }

    @Test
    void aFieldLikeNoKnownOneIsRejectedWithTheListOfAllowedFields() {
        assertThat(problem("{\"steps\": [{\"id\": \"s1\", \"tool\": \"notes.search\", \"priority\": 1}]}"))
                .isEqualTo("unknown field 'priority' in step s1; the fields allowed there are "
                        + "id, description, tool, arguments, subgoal, dependsOn, expect");
    }

    @Test
    void everyFieldTheFormatNamesIsAccepted() {
        Plan plan = PlanJson.parse("""
                {"steps": [{"id": "s1", "description": "d", "tool": "notes.search", "arguments": {"text": "a"},
                            "dependsOn": [], "expect": {"contains": "f", "matches": "f.*", "description": "e"}},
                           {"id": "s2", "subgoal": "a smaller goal", "dependsOn": ["s1"]}],
                 "answer": "{{s1}}", "rationale": "r"}""", tools);

        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0).action()).isEqualTo(new PlanStep.CallTool("notes.search", Map.of("text", "a")));
    }

    @Test
    void aWrittenPlanReadsBackTheSame() {
        Plan plan = PlanJson.parse("""
                {"steps": [{"id": "s1", "tool": "notes.search", "arguments": {"text": "a"},
                            "expect": {"contains": "f"}}],
                 "answer": "{{s1}}", "rationale": "r"}""", tools);

        assertThat(PlanJson.parse(PlanJson.write(plan), tools)).isEqualTo(plan);
    }

    private String problem(String reply) {
        try {
            PlanJson.parse(reply, tools);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the plan was accepted: " + reply);
    }
}
