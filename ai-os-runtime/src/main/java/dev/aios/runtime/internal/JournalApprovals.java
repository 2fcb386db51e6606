package dev.aios.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ApprovalQueue;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.Goal;
import dev.aios.api.ToolRegistry;
import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.RunJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approval queue of an agent with a journal: the requests parked in this process, and those
 * of runs that stopped (a crash, a restart) while waiting. Answering one of the latter records the
 * answer in the run's journal and resumes the run here.
 */
public final class JournalApprovals implements ApprovalQueue {
    private static final Logger log = LoggerFactory.getLogger(JournalApprovals.class);

    /** Resumes a stopped run with an answer to one of its requests. */
    @FunctionalInterface
    public interface Resumer {
        /** @return whether the run could be claimed and was resumed */
        boolean resumeWithAnswer(String runId, String requestId, boolean approved, String note);
    }

    private final ParkedApprovals local;
    private final RunJournal journal;
    private final ToolRegistry tools;
    private final Predicate<String> runningHere;
    private final Resumer resumer;
    /** Runs seen finished: their logs never change again, so they are not read again. */
    private final Set<String> finished = ConcurrentHashMap.newKeySet();

    /**
     * @param runningHere whether a run is running in this process (its requests are in {@code local})
     */
    public JournalApprovals(ParkedApprovals local, RunJournal journal, ToolRegistry tools, Predicate<String> runningHere,
            Resumer resumer) {
        this.local = local;
        this.journal = journal;
        this.tools = tools;
        this.runningHere = runningHere;
        this.resumer = resumer;
    }

    @Override
    public List<ApprovalRequest> pending() {
        List<ApprovalRequest> all = new ArrayList<>(local.pending());
        stopped().forEach(w -> all.add(w.request()));
        all.sort(Comparator.comparing(ApprovalRequest::requestedAt));
        return List.copyOf(all);
    }

    @Override
    public boolean approve(String requestId, String note) {
        return local.isParked(requestId) ? local.approve(requestId, note)
                : answerStopped(requestId, true, note == null ? "" : note);
    }

    @Override
    public boolean deny(String requestId, String reason) {
        return local.isParked(requestId) ? local.deny(requestId, reason)
                : answerStopped(requestId, false, reason == null || reason.isBlank() ? "denied by a human" : reason);
    }

    private boolean answerStopped(String requestId, boolean approved, String note) {
        for (Waiting w : stopped()) {
            if (w.request().id().equals(requestId)) {
                return resumer.resumeWithAnswer(w.journalRunId(), requestId, approved, note);
            }
        }
        // it may have been parked here meanwhile (the run was resumed by someone else in this process)
        return approved ? local.approve(requestId, note) : local.deny(requestId, note);
    }

    /** A request, and the top-level run whose journal holds it (the request's own run may be a sub-goal's). */
    private record Waiting(ApprovalRequest request, String journalRunId) {}

    /** @return the unexpired requests of runs that are not running in this process */
    private List<Waiting> stopped() {
        List<Waiting> waiting = new ArrayList<>();
        Instant now = Instant.now();
        for (String runId : journal.runIds()) {
            if (finished.contains(runId) || runningHere.test(runId)) {
                continue;
            }
            List<JournalEntry> entries;
            try {
                entries = journal.read(runId);
            } catch (RuntimeException e) {
                log.warn("run {}: its journal cannot be read, so its approvals are not listed: {}", runId, e.getMessage());
                continue;
            }
            if (RunSummaries.finished(entries)) {
                finished.add(runId);
                continue;
            }
            List<JsonNode> open = RunJournaling.unanswered(entries);
            if (open.isEmpty()) {
                continue;
            }
            Goal goal = RunJournaling.goalOf(entries);
            for (JsonNode body : open) {
                ApprovalRequest request = RunJournaling.request(body, goal, tools);
                if (request.expiresAt().isAfter(now)) {
                    waiting.add(new Waiting(request, runId));
                }
            }
        }
        return waiting;
    }
}
