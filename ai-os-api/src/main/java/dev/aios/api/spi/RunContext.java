package dev.aios.api.spi;

import dev.aios.api.AgentEvent;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainTicket;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.ToolRegistry;
import dev.aios.api.Usage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a stage implementation may use during one run. Model calls go through {@link #chat}, which
 * routes them to a brain, counts their tokens and cost, and enforces the run's budget, so stage
 * implementations never hold a model themselves.
 */
public interface RunContext {

    /** @return the id of the run */
    String runId();

    /** @return the goal being run */
    Goal goal();

    /**
     * Sends a request to the brain the router picks for it, and charges the answer's usage to the
     * run, once. The request carries what the run may still spend
     * ({@link dev.aios.api.BrainRequest#allowance()}), so the router caps the answer's length to
     * the budget. Private goals are routed to local brains only. The call ends when the run's wall
     * time is spent or the run is cancelled.
     *
     * @param purpose what the call is for, such as {@code plan}; the router and the accounts use it
     * @param request the request
     * @param needs capabilities the brain must have
     * @return the answer: the response, the brain that gave it, its usage and the ticket that
     *     {@link #recordVerdict} takes
     * @throws BudgetExhaustedException if the run's token, cost or wall-time budget is spent
     * @throws dev.aios.api.AiOsException if no brain fits, or the brain fails
     */
    BrainAnswer chat(String purpose, ChatRequest request, Set<BrainProfile.Capability> needs);

    /**
     * Says what became of an answer {@link #chat} gave (a plan that parsed, a verdict that held).
     * The router learns from it; after a rejection the next call for the same purpose
     * ({@link BrainTicket#purpose()}) is sent as an escalation
     * ({@link dev.aios.api.BrainRequest#escalation()}), so a router can move it to a stronger brain.
     *
     * @param ticket the answer's {@link BrainAnswer#ticket()}
     * @param verdict whether the answer was accepted
     */
    void recordVerdict(BrainTicket ticket, AnswerVerdict verdict);

    /** @return the usage charged to the run so far, sub-goals included */
    Usage usage();

    /** @return the agent's tools */
    ToolRegistry tools();

    /** @return the agent's memory */
    Memory memory();

    /** @return whether the host cancelled the run; long stage work should check it */
    boolean isCancelled();

    /**
     * Reports an event of this run to the agent's listeners, such as {@code PLAN_REJECTED} from a
     * planner that sends a malformed plan back for repair.
     *
     * @param stepId the step it concerns, or null
     * @param message a sentence for people; must not contain secrets
     */
    void emit(AgentEvent.Type type, @Nullable String stepId, String message);
}
