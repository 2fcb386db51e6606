package dev.aios.service.internal.console;

import dev.aios.api.AgentEvent;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the web console reads and changes: the running service, seen through one interface so the
 * console holds no state of its own. Every method is safe to call from many request threads.
 * Texts in the views are raw (a mail subject is exactly the subject): the console escapes them.
 */
public interface ConsoleBackend {

    /** @return the user's name, for the page header */
    String userName();

    /** @return the latest briefing, or null when none has run yet */
    @Nullable BriefingView briefing();

    /** @return mail that landed since the latest briefing, newest first (shown before the next briefing) */
    default List<ArrivalItem> arrivals() {
        return List.of();
    }

    /**
     * The user corrects a triage label; the classifier learns it and the next briefing shows it.
     *
     * @throws IllegalArgumentException naming the problem: no such message, or no such label
     */
    void correctLabel(String messageId, String label);

    /**
     * The user edited a draft: kept as their voice for later drafts.
     *
     * @throws IllegalArgumentException no such message, or an empty text
     */
    void editDraft(String messageId, String text);

    /** @return the approvals waiting, oldest first, those of stopped runs too */
    List<ApprovalRequest> pendingApprovals();

    /** @return false when no such request is pending (answered, expired) */
    boolean approve(String requestId, String note);

    /** @return false when no such request is pending (answered, expired) */
    boolean deny(String requestId, String reason);

    /** @return runs, newest first, at most {@code limit} */
    List<RunView> runs(int limit);

    /** @return the run, or null when there is none by that id */
    @Nullable RunView run(String runId);

    /** @return the events this process saw for the run, oldest first (empty for a run of an earlier process) */
    List<AgentEvent> events(String runId);

    /**
     * Calls {@code listener} with every event of every run from now on, on the agent's threads
     * (the listener must not block). Closing the handle stops it.
     */
    AutoCloseable subscribe(Consumer<AgentEvent> listener);

    /**
     * Starts a run of the user's goal in the background.
     *
     * @return the run's id, to follow in {@link #events}
     * @throws IllegalArgumentException a blank goal
     */
    String submitGoal(String goal);

    /**
     * Searches memory.
     *
     * @param query words; blank lists the newest
     * @param layers the layers to search; empty means all persistent layers
     * @param from the earliest time, or null
     * @param to the latest time, or null
     * @param limit at most this many hits
     */
    List<MemoryHit> searchMemory(String query, Set<MemoryLayer> layers, @Nullable Instant from, @Nullable Instant to,
            int limit);

    /** @return false when no memory has that id */
    boolean forget(String memoryId);

    /** @return one entry per brain the service routes to (empty when none is configured) */
    List<BrainView> brains();

    /** @return money saved against always using the strongest brain, over all brains */
    BigDecimal costSaved();

    /**
     * The latest briefing as the console shows it.
     *
     * @param at when it ran
     * @param triage every inbox message with its label and why, newest first
     * @param drafts the reply drafts
     * @param meetings today's meetings
     * @param limitations what the agent could not do, and why
     */
    record BriefingView(Instant at, List<TriageItem> triage, List<DraftItem> drafts, List<MeetingItem> meetings,
            List<String> limitations) {
        /** Copies. */
        public BriefingView {
            triage = List.copyOf(triage);
            drafts = List.copyOf(drafts);
            meetings = List.copyOf(meetings);
            limitations = List.copyOf(limitations);
        }
    }

    /**
     * A message that landed since the latest briefing.
     *
     * @param messageId its Message-ID
     * @param from its sender
     * @param subject its subject, raw
     * @param at when it was sent
     * @param seenAt when the service stored it
     */
    record ArrivalItem(String messageId, String from, String subject, Instant at, Instant seenAt) {}

    /**
     * One triaged message.
     *
     * @param messageId its Message-ID, which a correction names
     * @param from its sender ({@code Name <mail>})
     * @param subject its subject, raw
     * @param label needs-you, routine or noise
     * @param confidence the classifier's confidence, 0..1
     * @param reasons why, strongest first
     */
    record TriageItem(String messageId, String from, String subject, String label, double confidence,
            List<String> reasons) {
        /** Copies. */
        public TriageItem {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * One reply draft.
     *
     * @param messageId the request it answers
     * @param to who it is to
     * @param subject its subject
     * @param text its text
     * @param writtenBy the brain that wrote it, or empty when it is the briefing's own template
     * @param todo what the user must do before sending it (attach, paste a link), or empty
     */
    record DraftItem(String messageId, String to, String subject, String text, String writtenBy, String todo) {}

    /**
     * One of today's meetings.
     *
     * @param title its title
     * @param attendees who comes
     * @param openThreads their mail the user has not answered
     * @param lastNotes notes of past meetings with them
     */
    record MeetingItem(String title, List<String> attendees, List<String> openThreads, List<String> lastNotes) {
        /** Copies. */
        public MeetingItem {
            attendees = List.copyOf(attendees);
            openThreads = List.copyOf(openThreads);
            lastNotes = List.copyOf(lastNotes);
        }
    }

    /**
     * One run.
     *
     * @param runId its id
     * @param goal its goal's text
     * @param state RUNNING, WAITING_FOR_APPROVAL, INTERRUPTED or FINISHED
     * @param status how it ended (SUCCEEDED, FAILED, ...), or empty while it has not
     * @param stepsDone steps with an outcome
     * @param tokens tokens spent
     * @param cost money spent on brains
     * @param startedAt when it began
     * @param updatedAt when it last changed
     */
    record RunView(String runId, String goal, String state, String status, int stepsDone, long tokens, BigDecimal cost,
            Instant startedAt, Instant updatedAt) {}

    /**
     * One brain's figures.
     *
     * @param name its name
     * @param where {@code local} or {@code cloud}
     * @param calls calls it answered
     * @param failures calls that failed
     * @param meanLatency mean latency of an answered call
     * @param cost what its answers cost
     * @param breaker its circuit breaker: {@code closed}, {@code open} or {@code half-open}
     */
    record BrainView(String name, String where, long calls, long failures, Duration meanLatency, BigDecimal cost,
            String breaker) {}
}
