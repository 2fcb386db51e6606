package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.AgentEvent.Type;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolRisk;
import dev.aios.testing.ScriptedChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A plan with a misspelt field goes back to the brain with the parser's message, and the repaired plan runs. */
@Timeout(30)
class PlanRepairTest {

    @Test
    void misspeltArgumentsFieldIsRepairedBeforeAnyToolRuns() {
        RecordingTools tools = new RecordingTools().echo("notes.search", ToolRisk.READ_ONLY);
        RecordingListener listener = new RecordingListener();
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "notes.search", "args": {"text": "budget"}}]}""", """
                {"steps": [{"id": "s1", "tool": "notes.search", "arguments": {"text": "budget"}}]}""");

        RunOutcome outcome = tools.agent(brain, listener).build().run(Goal.of("find the budget notes"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(brain.prompts()).hasSize(2);
        assertThat(brain.prompts().get(1))
                .contains("That plan was rejected: unknown field 'args' in step s1; did you mean 'arguments'?");
        assertThat(listener.ofType(Type.PLAN_REJECTED)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("unknown field 'args'"));
        assertThat(tools.calls).containsExactly("notes.search{text=budget}"); // never run with the arguments lost
    }
}
