package dev.aios.runtime.internal;

import dev.aios.api.ApprovalQueue;
import dev.aios.api.ApprovalRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The agent's {@link ApprovalQueue}: parked requests, each with a future the waiting step blocks on. */
public final class ParkedApprovals implements ApprovalQueue {

    /** A human's answer. */
    record Answer(boolean approved, String note) {}

    private record Parked(ApprovalRequest request, CompletableFuture<Answer> answer, Consumer<Answer> recorder) {}

    private final Map<String, Parked> parked = new ConcurrentHashMap<>();

    /** Creates an empty queue. */
    public ParkedApprovals() {}

    /**
     * Parks {@code request}.
     *
     * @param recorder called with the answer before the waiting step sees it (it journals the
     *     answer); if it throws, the request stays pending and the answering caller gets the error
     */
    CompletableFuture<Answer> park(ApprovalRequest request, Consumer<Answer> recorder) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        parked.put(request.id(), new Parked(request, answer, recorder));
        return answer;
    }

    /** @return whether {@code requestId} is parked in this process */
    boolean isParked(String requestId) {
        return parked.containsKey(requestId);
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
        if (p == null) {
            return false;
        }
        try {
            p.recorder().accept(answer);
        } catch (RuntimeException e) {
            parked.putIfAbsent(requestId, p); // not recorded: still pending
            throw e;
        }
        return p.answer().complete(answer);
    }
}
