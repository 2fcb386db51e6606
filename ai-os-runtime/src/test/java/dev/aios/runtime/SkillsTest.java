package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.AgentEvent.Type;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.testing.ScriptedChatModel;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Plans that worked become skills; matching goals reuse them without a model call. */
class SkillsTest {
    private final RecordingListener listener = new RecordingListener();
    private final InProcessMemory memory = new InProcessMemory();

    private static Goal payGoal(String vendor) {
        return Goal.builder("Pay the " + vendor + " invoice and file the receipt").context("vendor", vendor).build();
    }

    @Test
    void secondMatchingGoalReusesTheSkillWithItsOwnParametersAndNoModelCall() {
        RecordingTools tools = new RecordingTools()
                .echo("invoice.pay", ToolRisk.SIDE_EFFECTING)
                .echo("receipts.file", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "pay", "tool": "invoice.pay", "arguments": {"text": "ACME"}},
                           {"id": "file", "tool": "receipts.file", "arguments": {"text": "receipt of {{pay}}"},
                            "dependsOn": ["pay"]}],
                 "answer": "Paid ACME: {{file}}"}""");
        // invoice.pay's result feeds receipts.file: declared trusted, as a host would for its own payment tool
        Agent agent = tools.agent(brain, listener).memory(memory)
                .flowPolicy(FlowPolicy.builder().trustOutputOf("invoice.pay").build()).build();

        RunOutcome first = agent.run(payGoal("ACME"));
        RunOutcome second = agent.run(payGoal("Initech"));

        assertThat(first.usage().modelCalls()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.usage().modelCalls()).as("the skill saved the brain call").isZero();
        assertThat(brain.requests()).hasSize(1);
        assertThat(second.answer()).isEqualTo("Paid Initech: receipts.file:receipt of invoice.pay:Initech");
        assertThat(tools.calls).containsExactly("invoice.pay{text=ACME}", "receipts.file{text=receipt of invoice.pay:ACME}",
                "invoice.pay{text=Initech}", "receipts.file{text=receipt of invoice.pay:Initech}");
        assertThat(listener.ofType(Type.SKILL_LEARNED)).hasSize(2);
        assertThat(listener.ofType(Type.SKILL_REUSED)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("Pay the ${vendor} invoice", "no model call"));
    }

    @Test
    void goalThatDoesNotMatchCloselyEnoughAsksTheBrain() {
        RecordingTools tools = new RecordingTools().echo("invoice.pay", ToolRisk.SIDE_EFFECTING);
        String plan = """
                {"steps": [{"id": "pay", "tool": "invoice.pay", "arguments": {"text": "x"}}]}""";
        ScriptedChatModel brain = ScriptedChatModel.replying(plan, plan);
        Agent agent = tools.agent(brain, listener).memory(memory).build();

        agent.run(payGoal("ACME"));
        agent.run(Goal.of("Dispute the invoice from ACME because the amount is wrong"));

        assertThat(brain.requests()).hasSize(2);
        assertThat(listener.ofType(Type.SKILL_REUSED)).isEmpty();
    }

    @Test
    void skillWhoseToolIsGoneIsNotUsed() {
        String plan = """
                {"steps": [{"id": "pay", "tool": "invoice.pay", "arguments": {"text": "x"}}]}""";
        ScriptedChatModel brain = ScriptedChatModel.replying(plan, """
                {"steps": [{"id": "pay", "tool": "bank.transfer", "arguments": {"text": "x"}}]}""");
        new RecordingTools().echo("invoice.pay", ToolRisk.SIDE_EFFECTING).agent(brain, listener).memory(memory).build()
                .run(payGoal("ACME"));

        RecordingTools other = new RecordingTools().echo("bank.transfer", ToolRisk.SIDE_EFFECTING);
        RunOutcome outcome = other.agent(brain, listener).memory(memory).build().run(payGoal("ACME"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(brain.requests()).hasSize(2);
        assertThat(other.calls).containsExactly("bank.transfer{text=x}");
    }

    @Test
    void whenTheSkillsPlanFailsTheReplanAsksTheBrainAndTheNewPlanBecomesTheSkill() {
        AtomicBoolean payWorks = new AtomicBoolean(true);
        RecordingTools tools = new RecordingTools()
                .tool("invoice.pay", ToolRisk.SIDE_EFFECTING,
                        args -> payWorks.get() ? ToolResult.success("paid") : ToolResult.failure("portal down"))
                .echo("bank.transfer", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "pay", "tool": "invoice.pay", "arguments": {"text": "ACME"}}]}""", """
                {"steps": [{"id": "wire", "tool": "bank.transfer", "arguments": {"text": "Initech"}}]}""");
        Agent agent = tools.agent(brain, listener).memory(memory).build();

        agent.run(payGoal("ACME"));
        payWorks.set(false);
        RunOutcome second = agent.run(payGoal("Initech"));
        RunOutcome third = agent.run(payGoal("Globex"));

        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(second.plans()).isEqualTo(2);
        assertThat(third.usage().modelCalls()).isZero();
        assertThat(tools.calls).endsWith("bank.transfer{text=Globex}");
    }
}
