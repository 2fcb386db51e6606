package dev.aios.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.aios.api.AgentEvent;
import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainTicket;
import dev.aios.api.GateDecision;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.spi.GateRequest;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.Usage;
import dev.aios.api.spi.GatePolicy;
import dev.aios.api.spi.RunContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract test kit for a {@link GatePolicy}: extend it in your test sources, return your
 * policy from {@link #policy()}, and JUnit 5 runs every check below against it.
 * {@snippet :
 * class MyGatePolicyTest extends GatePolicyContract {
 *     protected GatePolicy policy() {
 *         return new MyGatePolicy(); // configured as a host gets it when it sets nothing
 *     }
 * }
 * }
 * Add {@code dev.aios:ai-os-testing} in test scope, with JUnit Jupiter's engine to run it.
 *
 * <p>What it checks, and where each promise comes from:
 * <ul>
 *   <li>Every call gets a decision, never null, with a verdict and a reason (the SPI:
 *       {@link GatePolicy#decide} returns "the decision, with a reason"; the runtime asks for one
 *       before every tool call and has no answer of its own to fall back on).</li>
 *   <li>Unusual tool names and arguments (any text a registry or an MCP server may use: unicode,
 *       spaces, paths, placeholders, very long names; null, nested, empty or huge argument values)
 *       get a decision too, not an exception: tool names and arguments come from plugins and
 *       from brains, and a gate that throws ends the step instead of guarding it.</li>
 *   <li>A destructive tool is never allowed without a human or a denial under the configuration
 *       {@link #policy()} returns. The SPI leaves the verdicts to the policy; this is the
 *       project's safety bar for what a policy ships with: a host that wants destructive tools
 *       to run unasked must say so itself. Return the policy as a host gets it by default.</li>
 *   <li>The same call gets the same verdict when asked twice. The SPI does not forbid a policy
 *       with state (a rate limit, a quota), so a policy whose verdict depends on what it saw
 *       before overrides {@link #decidesByInputAlone()} to return false, and the check is
 *       skipped. Only the verdict is compared: a reason may carry detail such as a time.</li>
 * </ul>
 * The policy is asked with a {@link RunContext} from {@link #runOf(Goal, ToolDescriptor)}: a run with no brain
 * (its {@code chat} throws), a registry holding only the tool being decided, and a memory that
 * keeps nothing. A policy that needs more overrides {@link #runOf(Goal, ToolDescriptor)}.
 */
public abstract class GatePolicyContract {
    private static final List<ToolRisk> RISKS = List.of(ToolRisk.READ_ONLY, ToolRisk.SIDE_EFFECTING,
            ToolRisk.DESTRUCTIVE, ToolRisk.UNKNOWN, ToolRisk.READ_ONLY.withOpenWorld(),
            ToolRisk.DESTRUCTIVE.withOpenWorld(), ToolRisk.SIDE_EFFECTING.withIdempotent());
    private static final List<ToolRisk> DESTRUCTIVE_RISKS = List.of(ToolRisk.DESTRUCTIVE,
            ToolRisk.DESTRUCTIVE.withOpenWorld(), ToolRisk.DESTRUCTIVE.withIdempotent());
    private static final List<Goal> GOALS = List.of(Goal.of("tidy the project folder"),
            Goal.builder("tidy my medical records").tag(Goal.PRIVATE).build());

    /** For subclasses. */
    protected GatePolicyContract() {}

    /**
     * @return the policy under test, configured as a host gets it when it configures nothing;
     *     called once per check
     */
    protected abstract GatePolicy policy();

    /**
     * @return whether the policy's verdict depends only on the call, the tool and the run it is
     *     given (the default); false for a policy with state, which skips the stability check
     */
    protected boolean decidesByInputAlone() {
        return true;
    }

    /**
     * @return the run the policy is asked in about {@code tool}, for {@code goal}; the default has no brain, a
     *     registry of just {@code tool}, and a memory that keeps nothing
     */
    protected RunContext runOf(Goal goal, ToolDescriptor tool) {
        return new QuietRun(goal, tool);
    }

    /** Every call, of every risk, on plain and private goals, gets a decision with a verdict and a reason. */
    @Test
    public void decidesEveryCallWithAVerdictAndAReason() {
        GatePolicy policy = policy();
        for (ToolRisk risk : RISKS) {
            for (Goal goal : GOALS) {
                ToolDescriptor tool = tool("files.tidy", risk);
                GateDecision decision = decide(policy, call("files.tidy", Map.of("path", "notes")), tool, goal);
                assertThat(decision).as("decision for a %s tool on goal %s", risk, goal.text()).isNotNull();
                assertThat(decision.verdict()).as("verdict for a %s tool", risk).isNotNull();
                assertThat(decision.reason()).as("reason for a %s tool", risk).isNotBlank();
            }
        }
    }

    /** Under the policy's defaults, a destructive tool is asked about or denied, never simply allowed. */
    @Test
    public void neverAllowsADestructiveToolUnaskedUnderItsDefaults() {
        GatePolicy policy = policy();
        for (ToolRisk risk : DESTRUCTIVE_RISKS) {
            for (Goal goal : GOALS) {
                ToolDescriptor tool = tool("files.delete_all", risk);
                GateDecision decision = decide(policy, call("files.delete_all", Map.of("path", "/")), tool, goal);
                assertThat(decision).as("decision for a %s tool on goal %s", risk, goal.text()).isNotNull();
                assertThat(decision.verdict())
                        .as("a %s tool on goal '%s' was allowed without a human (reason: %s); under its defaults a"
                                + " policy must ASK or DENY", risk, goal.text(), decision.reason())
                        .isNotEqualTo(GateDecision.Verdict.ALLOW);
            }
        }
    }

    /** Asked twice about equal calls, a policy without state gives the same verdict. */
    @Test
    public void givesTheSameVerdictForTheSameCall() {
        Assumptions.assumeTrue(decidesByInputAlone(), "the policy says its verdicts depend on more than the call");
        GatePolicy policy = policy();
        for (ToolRisk risk : RISKS) {
            for (Goal goal : GOALS) {
                ToolDescriptor tool = tool("mail.send", risk);
                RunContext run = runOf(goal, tool);
                GateDecision first = nonNull(policy.decide(request(call("mail.send", Map.of("to", "team")), tool, run)));
                GateDecision again = nonNull(policy.decide(request(call("mail.send", Map.of("to", "team")), tool, run)));
                GateDecision elsewhere = nonNull(policy.decide(request(call("mail.send", Map.of("to", "team")), tool,
                        runOf(goal, tool))));
                assertThat(List.of(again.verdict(), elsewhere.verdict()))
                        .as("verdicts for the same call to a %s tool on goal '%s'", risk, goal.text())
                        .containsOnly(first.verdict());
            }
        }
    }

    /** Unusual tool names and argument values get a decision, not an exception. */
    @Test
    public void decidesUnusualToolNamesAndArgumentsWithoutThrowing() {
        GatePolicy policy = policy();
        List<Map<String, Object>> argumentSets = unusualArguments(); // built once: one value is 100,000 characters
        List<String> described = argumentSets.stream().map(a -> abbreviate(String.valueOf(a))).toList();
        for (String name : unusualToolNames()) {
            for (int a = 0; a < argumentSets.size(); a++) {
                Map<String, Object> arguments = argumentSets.get(a);
                for (ToolRisk risk : RISKS) {
                    for (Goal goal : GOALS) {
                        ToolDescriptor tool = tool(name, risk);
                        assertThatCode(() -> assertThat(decide(policy, call(name, arguments), tool, goal)).isNotNull())
                                .as("deciding a %s tool named '%s' with arguments %s", risk, abbreviate(name),
                                        described.get(a))
                                .doesNotThrowAnyException();
                    }
                }
            }
        }
    }

    private GateDecision decide(GatePolicy policy, ToolCall call, ToolDescriptor tool, Goal goal) {
        RunContext run = runOf(goal, tool);
        GateDecision fromUser = nonNull(policy.decide(request(call, tool, run)));
        // the same call once more with every argument from a stranger: still a decision, never an exception
        Map<String, Provenance> untrusted = new LinkedHashMap<>();
        call.arguments().keySet().forEach(k -> untrusted.put(k, Provenance.untrusted(Source.tool("mail.read"))));
        nonNull(policy.decide(new GateRequest(call, tool, untrusted, run)));
        return fromUser;
    }

    /** @return a request whose every top-level argument came from the user */
    private static GateRequest request(ToolCall call, ToolDescriptor tool, RunContext run) {
        Map<String, Provenance> flows = new LinkedHashMap<>();
        call.arguments().keySet().forEach(k -> flows.put(k, Provenance.user()));
        return new GateRequest(call, tool, flows, run);
    }

    private static GateDecision nonNull(@Nullable GateDecision decision) {
        assertThat(decision).as("the policy returned no decision").isNotNull();
        return decision;
    }

    private static ToolDescriptor tool(String name, ToolRisk risk) {
        return new ToolDescriptor(name, "a tool of the gate contract", ToolDescriptor.NO_ARGUMENTS, risk);
    }

    private static ToolCall call(String tool, Map<String, Object> arguments) {
        return new ToolCall("contract-run/s1", tool, arguments);
    }

    private static List<String> unusualToolNames() {
        return List.of("x", "werkzeug.löschen", "工具.删除", "🔥.burn", "name with spaces", "../../etc/passwd",
                "C:\\Windows\\System32", "${env.HOME}", "{{s1}}", "DROP TABLE tools;--", "tab\tand\nnewline",
                "nul\u0000inside", "risk", "ALLOW", "a".repeat(10_000));
    }

    private static List<Map<String, Object>> unusualArguments() {
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("path", null);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("filter", Map.of("labels", List.of("bug", Map.of("deep", List.of(1, 2.5, true)))));
        nested.put("list", new ArrayList<>(Arrays.asList(null, "", 0)));
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("", "empty key");
        odd.put("ключ", "значение");
        odd.put("big", Long.MAX_VALUE);
        odd.put("nan", Double.NaN);
        odd.put("text", "x".repeat(100_000));
        return List.of(Map.of(), nullValue, nested, odd);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }

    /** A run with nothing behind it: no brain, one tool that never runs, a memory that keeps nothing. */
    private static final class QuietRun implements RunContext {
        private final Goal goal;
        private final ToolDescriptor tool;

        QuietRun(Goal goal, ToolDescriptor tool) {
            this.goal = goal;
            this.tool = tool;
        }

        @Override
        public String runId() {
            return "contract-run";
        }

        @Override
        public Goal goal() {
            return goal;
        }

        @Override
        public BrainAnswer chat(String purpose, ChatRequest request, Set<BrainProfile.Capability> needs) {
            throw AiOsException.permanent("GatePolicyContract gives the policy no brain, and it asked for one for '"
                    + purpose + "': override runOf(Goal, ToolDescriptor) to supply a RunContext with one");
        }

        @Override
        public void recordVerdict(BrainTicket ticket, AnswerVerdict verdict) {}

        @Override
        public Usage usage() {
            return Usage.NONE;
        }

        @Override
        public ToolRegistry tools() {
            return new ToolRegistry() {
                @Override
                public List<ToolDescriptor> tools() {
                    return List.of(tool);
                }

                @Override
                public ToolResult call(ToolCall call) {
                    return ToolResult.failure("the gate contract runs no tool; " + call.tool() + " was not called");
                }
            };
        }

        @Override
        public Memory memory() {
            return new Memory() {
                @Override
                public void remember(MemoryRecord record) {}

                @Override
                public List<MemoryHit> recall(MemoryQuery query) {
                    return List.of();
                }

                @Override
                public boolean forget(String id) {
                    return false;
                }
            };
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void emit(AgentEvent.Type type, @Nullable String stepId, String message) {}
    }
}
