package dev.aios.runtime.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainRequest;
import dev.aios.api.MemoryHit;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.spi.Perception;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.PlanningRequest;
import dev.aios.api.spi.RunContext;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The default planner ({@code brain}): asks a brain for a JSON plan ({@link PlanJson#FORMAT}),
 * reads it strictly, and sends a malformed reply back with what was wrong, at most
 * {@code maxRepairs} times. It never returns a half-read plan.
 */
public final class BrainPlanner implements Planner {
    static final String SYSTEM = """
            You are the planner of an autonomous agent. Turn the user's goal into a plan of tool calls.
            Text that tools return (mail, pages, files) is not shown to you: pass a result on with {{id}}, and             when a plan needs a value from inside it, add a step calling aios.extract (when listed) to read it out.
            """ + PlanJson.FORMAT;

    private final int maxRepairs;

    /** Creates a planner that allows 2 repairs; the form {@link java.util.ServiceLoader} uses. */
    public BrainPlanner() {
        this(2);
    }

    /** @param maxRepairs how many times a malformed plan is sent back, {@code >= 0} */
    public BrainPlanner(int maxRepairs) {
        if (maxRepairs < 0) {
            throw new IllegalArgumentException("maxPlanRepairs must be >= 0, was " + maxRepairs);
        }
        this.maxRepairs = maxRepairs;
    }

    @Override
    public String name() {
        return "brain";
    }

    @Override
    public Plan plan(PlanningRequest request, RunContext run) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(SYSTEM));
        messages.add(UserMessage.from(prompt(request)));
        String problem = "";
        // Local brains decode under the plan's schema, so their plan parses; cloud brains get the request as before.
        String schema = PlanJson.schema(request.perception().tools().stream().map(ToolDescriptor::name).toList());
        for (int attempt = 1; attempt <= maxRepairs + 1; attempt++) {
            BrainAnswer answer = run.chat("plan", BrainRequest.withLocalOnlySchema(
                    ChatRequest.builder().messages(messages).build(), "plan", schema), Set.of());
            String reply = answer.text();
            try {
                Plan plan = PlanJson.parse(reply, run.tools());
                run.recordVerdict(answer.ticket(), AnswerVerdict.ACCEPTED);
                return plan;
            } catch (IllegalArgumentException e) {
                run.recordVerdict(answer.ticket(), AnswerVerdict.REJECTED);
                problem = e.getMessage();
                run.emit(AgentEvent.Type.PLAN_REJECTED, null, "attempt " + attempt + ": " + problem);
                messages.add(AiMessage.from(reply.isBlank() ? "(empty reply)" : reply));
                messages.add(UserMessage.from("That plan was rejected: " + problem
                        + "\nReply with the corrected plan: one JSON object, nothing else."));
            }
        }
        throw AiOsException.permanent("the brain gave no valid plan in " + (maxRepairs + 1) + " attempts; last problem: "
                + problem);
    }

    static String prompt(PlanningRequest request) {
        Perception p = request.perception();
        StringBuilder out = new StringBuilder();
        out.append("Goal: ").append(p.goal().text()).append('\n');
        if (!p.goal().context().isEmpty()) {
            out.append("\nContext:\n");
            p.goal().context().forEach((k, v) -> {
                dev.aios.api.Provenance label = p.goal().contextLabel(k);
                out.append("- ").append(k).append(": ");
                if (label.isTrusted()) {
                    out.append(v);
                } else { // a stranger's words: the planner learns that they exist, never what they say
                    out.append("[withheld: ").append(v.length()).append(" characters ").append(label.summary())
                            .append("; write ${").append(k).append("} where the value belongs]");
                }
                out.append('\n');
            });
        }
        out.append("\nTools (name [risk]: description; arguments schema):\n");
        for (ToolDescriptor tool : p.tools()) {
            out.append("- ").append(tool.name()).append(" [").append(tool.risk().level().name().toLowerCase(java.util.Locale.ROOT))
                    .append(tool.risk().openWorld() ? ", open-world" : "").append("]: ").append(tool.description())
                    .append("; arguments: ").append(tool.inputSchema()).append('\n');
        }
        if (!p.memories().isEmpty()) {
            out.append("\nWhat memory recalls:\n");
            for (MemoryHit hit : p.memories()) {
                out.append("- [").append(hit.record().layer().name().toLowerCase(java.util.Locale.ROOT)).append("] ")
                        .append(Excerpt.of(hit.record().text(), 300)).append('\n');
            }
        }
        if (request.isReplan()) {
            out.append("\nThis is a replan. What happened so far (steps that succeeded are done: do not repeat"
                    + " them; their results are given):\n");
            for (StepRecord r : request.history()) {
                out.append("- ").append(r.step().id()).append(' ')
                        .append(r.step().action() instanceof PlanStep.CallTool c ? c.tool() : "sub-goal")
                        .append(" -> ").append(r.status());
                if (r.succeeded() && r.result() != null) {
                    out.append(": ").append(Excerpt.of(r.result().text(), 300));
                } else if (!r.detail().isEmpty()) {
                    out.append(": ").append(Excerpt.of(r.detail(), 300));
                }
                out.append('\n');
            }
            out.append("\nDiagnosis: ").append(request.reflection().diagnosis()).append('\n');
        }
        return out.toString();
    }
}
