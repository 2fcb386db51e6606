package dev.aios.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aios.api.Plan;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.InProcessToolRegistry;

/**
 * Fuzzes the plan reader with arbitrary brain replies: it returns a plan that survives writing
 * and reading back, or throws an {@link IllegalArgumentException} whose message says what to
 * fix (the repair prompt shows it to the brain); never any other exception.
 *
 * <p>A plain test run replays the corpus in {@code PlanJsonFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes (see {@code .ci/fuzz-short}).
 */
class PlanJsonFuzzTest {
    private static final ToolRegistry TOOLS = InProcessToolRegistry.builder()
            .tool(new ToolDescriptor("notes.search", "search notes",
                    "{\"type\":\"object\",\"required\":[\"text\"]}", ToolRisk.READ_ONLY), args -> ToolResult.success("found"))
            .tool(new ToolDescriptor("clock.now", "the time", "{\"type\":\"object\"}", ToolRisk.READ_ONLY),
                    args -> ToolResult.success("noon"))
            .build();

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"\"steps\"", "\"answer\"", "\"rationale\"", "\"id\"", "\"description\"", "\"tool\"",
            "\"arguments\"", "\"subgoal\"", "\"dependsOn\"", "\"expect\"", "\"contains\"", "\"matches\"",
            "\"notes.search\"", "\"clock.now\"", "\"text\"", "{{s1}}", "\"s1\"", "\"s2\""})
    void parseReturnsAPlanOrSaysWhatIsWrong(String reply) {
        Plan plan;
        try {
            plan = PlanJson.parse(reply, TOOLS);
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("a refusal says what to fix").isNotBlank();
            return;
        }
        assertThat(PlanJson.parse(PlanJson.write(plan), TOOLS)).isEqualTo(plan);
    }
}
