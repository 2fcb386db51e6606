package dev.aios.runtime.internal;

import dev.aios.api.ApprovalQueue;
import dev.aios.api.ApprovalRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's {@link ApprovalQueue}: parked requests, each with a future the waiting step blocks on. */
public final class ParkedApprovals implements ApprovalQueue {

    /** A human's answer. */
    record Answer(boolean approved, String note) {}

    private record Parked(ApprovalRequest request, CompletableFuture<Answer> answer) {}

    private final Map<String, Parked> parked = new ConcurrentHashMap<>();

    /** Creates an empty queue. */
    public ParkedApprovals() {}

    CompletableFuture<Answer> park(ApprovalRequest request) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        parked.put(request.id(), new Parked(request, answer));
        return answer;
    }

    /** Removes a request nobody answered in time; a late answer then finds nothing pending. */
    void expire(String requestId) {
        parked.remove(requestId);
    }

    @Override
    public List<ApprovalRequest> pending() {
        return parked.values().stream()
                .map(Parked::request)
                .sorted(Comparator.comparing(ApprovalRequest::requestedAt))
                .toList();
    }

    @Override
    public boolean approve(String requestId, String note) {
        return answer(requestId, new Answer(true, note == null ? "" : note));
    }

    @Override
    public boolean deny(String requestId, String reason) {
        return answer(requestId, new Answer(false, reason == null || reason.isBlank() ? "denied by a human" : reason));
    }

    private boolean answer(String requestId, Answer answer) {
        Parked p = parked.remove(requestId);
        return p != null && p.answer().complete(answer);
    }
}
