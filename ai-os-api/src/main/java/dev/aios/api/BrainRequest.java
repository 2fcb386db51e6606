package dev.aios.api;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One model call as the router sees it: what it is for, the request itself, what it needs, and
 * whether its data must stay on this machine.
 *
 * @param purpose what the call is for, such as {@code plan}, {@code verify} or {@code reflect}
 * @param chat the request that will be sent
 * @param needs capabilities the brain must have (copied)
 * @param privateData whether the request's data must stay on this machine
 * @param escalation how many answers to this purpose were rejected in a row just before (0 on a
 *     first try); a router should send an escalated request to a stronger brain
 * @param runId the agent run the call belongs to, for per-run budgets; null outside a run
 */
public record BrainRequest(
        String purpose, ChatRequest chat, Set<BrainProfile.Capability> needs, boolean privateData, int escalation,
        @Nullable String runId) {

    /** Validates and copies. */
    public BrainRequest {
        Checks.notBlank(purpose, "purpose");
        Checks.notNull(chat, "chat request");
        Checks.notNull(needs, "needs");
        if (escalation < 0) {
            throw new IllegalArgumentException("escalation must be >= 0, was " + escalation);
        }
        if (runId != null && runId.isBlank()) {
            throw new IllegalArgumentException("runId must be null or not blank");
        }
        needs = Collections.unmodifiableSet(
                needs.isEmpty() ? EnumSet.noneOf(BrainProfile.Capability.class) : EnumSet.copyOf(needs));
    }

    /** A request outside any agent run. */
    public BrainRequest(String purpose, ChatRequest chat, Set<BrainProfile.Capability> needs, boolean privateData,
            int escalation) {
        this(purpose, chat, needs, privateData, escalation, null);
    }

    /** A first-try request (escalation 0) outside any agent run. */
    public BrainRequest(String purpose, ChatRequest chat, Set<BrainProfile.Capability> needs, boolean privateData) {
        this(purpose, chat, needs, privateData, 0, null);
    }

    /**
     * @return a rough count of the request's input tokens (characters / 4), for context-window
     *     checks before the call
     */
    public int estimatedInputTokens() {
        long chars = 0;
        for (ChatMessage message : chat.messages()) {
            if (message instanceof UserMessage user && user.hasSingleText()) {
                chars += user.singleText().length();
            } else if (message instanceof SystemMessage system) {
                chars += system.text().length();
            } else {
                chars += message.toString().length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, chars / 4 + 1);
    }
}
