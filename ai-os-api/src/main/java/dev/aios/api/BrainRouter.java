package dev.aios.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * Chooses the brain for each model call. Hard constraints come first (private data stays local;
 * needed capabilities; context window), then cost and the router's estimate of quality.
 * {@link #cheapestFit} is the simple default; ai-os-routing provides a learned one. Implementations can check
 * themselves against the contract kit {@code dev.aios.testing.BrainRouterContract} (ai-os-testing).
 */
public interface BrainRouter {

    /** @return every brain the router may choose, in a stable order */
    List<Brain> brains();

    /**
     * Chooses a brain for {@code request} without calling it: for routers' own tests, benchmarks
     * and explanations. Callers that want an answer use {@link #chat}.
     *
     * @return the brain for this request
     * @throws AiOsException (not retriable) if no brain meets the request's constraints; the
     *     message names each brain and why it was ruled out
     */
    Brain route(BrainRequest request);

    /**
     * Answers {@code request}: chooses a brain, sends it {@link BrainRequest#chatFor} (the
     * request with its output capped to the allowance), and accounts the call. A router with
     * resilience retries and falls back to other allowed brains before giving up; the answer
     * says which brain answered and what the call used.
     *
     * <p>The default routes once and calls the chosen brain on the calling thread.
     *
     * @throws AiOsException if no brain can take the request (not retriable) or every brain that
     *     could failed (retriable when trying later may help)
     * @throws BudgetExhaustedException if the allowance leaves no room for any answer
     */
    default BrainAnswer chat(BrainRequest request) {
        Brain brain = route(request);
        dev.langchain4j.model.chat.response.ChatResponse response = brain.model().chat(request.chatFor(brain));
        return new BrainAnswer(response, brain.name(), Usage.ofCall(brain.profile(), request.estimatedInputTokens(),
                response), new BrainTicket(brain.name(), request.purpose()));
    }

    /**
     * Like {@link #chat}, with the answer's text passed to {@code partialText} piece by piece as
     * the brain writes it; returns the whole answer when it is complete. A router may retry or fall
     * back only until the first piece was passed on.
     *
     * <p>The default calls {@link #chat} and passes the whole answer as one piece.
     *
     * @param partialText receives the answer's pieces of text, in order, on any thread
     * @throws AiOsException as {@link #chat} does, or the stream's own error when it broke after
     *     text was passed on
     * @since 0.1.0
     */
    default BrainAnswer stream(BrainRequest request, Consumer<String> partialText) {
        BrainAnswer answer = chat(request);
        if (!answer.text().isEmpty()) {
            partialText.accept(answer.text());
        }
        return answer;
    }

    /**
     * Tells the router whether an answer it gave was accepted, so a learning router can improve.
     * The default ignores it; a ticket from another router is ignored too.
     *
     * @param ticket the {@link BrainAnswer#ticket()} of the answer
     * @param verdict what became of the answer
     */
    default void recordOutcome(BrainTicket ticket, AnswerVerdict verdict) {}

    /**
     * A router that, among the brains that meet the constraints, picks the one with the lowest
     * price (input plus output), the first given on a tie.
     *
     * @throws IllegalArgumentException if {@code brains} is empty or two share a name
     */
    static BrainRouter cheapestFit(List<Brain> brains) {
        return new CheapestFitRouter(brains);
    }
}
