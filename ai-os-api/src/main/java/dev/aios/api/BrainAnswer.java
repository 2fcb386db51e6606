package dev.aios.api;

import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * What one brain call returns: the answer, which brain gave it (after any retry or fallback),
 * what it used, and the ticket that reports the answer's verdict back to the router with
 * {@link BrainRouter#recordOutcome(BrainTicket, AnswerVerdict)}. One object, so nobody has to ask
 * the router afterwards who answered.
 *
 * @param response the model's response
 * @param brain the name of the brain that answered
 * @param usage the call's tokens and cost, as charged (one call; tokens estimated where the
 *     provider did not report them)
 * @param ticket the handle for this call's outcome
 */
public record BrainAnswer(ChatResponse response, String brain, Usage usage, BrainTicket ticket) {

    /** Validates. */
    public BrainAnswer {
        Checks.notNull(response, "response");
        Checks.notBlank(brain, "brain");
        Checks.notNull(usage, "usage");
        Checks.notNull(ticket, "ticket");
    }

    /** @return the answer's text, or an empty string when the model returned none */
    public String text() {
        return response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    }
}
