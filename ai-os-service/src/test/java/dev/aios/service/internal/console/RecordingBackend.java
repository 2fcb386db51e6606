package dev.aios.service.internal.console;

import dev.aios.api.AgentEvent;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.Goal;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRisk;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A console backend over lists, recording every change the console asks for. */
final class RecordingBackend implements ConsoleBackend {
    static final Instant NOW = Instant.parse("2025-03-04T08:00:00Z");

    volatile @Nullable BriefingView briefing = new BriefingView(NOW,
            List.of(new TriageItem("<m1@example.com>", "Eve <script>alert(1)</script> <eve@example.com>",
                            "<script>alert(1)</script>", "noise", 0.71, List.of("sender unknown")),
                    new TriageItem("<m2/x@example.com>", "Bob <bob@example.com>", "<img src=x onerror=alert(1)>",
                            "needs-you", 0.93, List.of("asks a question", "from a colleague\"><b>"))),
            List.of(new DraftItem("<m2/x@example.com>", "Bob <bob@example.com>", "Re: the report",
                    "Hi Bob,\n</textarea><script>alert(2)</script>", "local-small", "Attach the report: the draft says it is attached.")),
            List.of(new MeetingItem("Standup", List.of("Bob", "Ann"), List.of("Re: the report"), List.of("Agreed on Q2"))),
            List.of("Could not read the calendar of Ann: no access"));
    final List<ApprovalRequest> approvals = new CopyOnWriteArrayList<>();
    final List<RunView> runs = new CopyOnWriteArrayList<>();
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final List<MemoryHit> hits = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Consumer<AgentEvent>> listeners = new CopyOnWriteArrayList<>();
    final AtomicInteger unsubscribed = new AtomicInteger();

    RecordingBackend() {
        approvals.add(new ApprovalRequest("a1", "r1", Goal.of("Send the report to Bob"),
                new ToolCall("s1-1", "mail.send", Map.of("to", "bob@example.com", "body", "<b>hi</b>")),
                new ToolDescriptor("mail.send", "Sends mail", ToolDescriptor.NO_ARGUMENTS,
                        ToolRisk.DESTRUCTIVE.withOpenWorld()),
                "policy: mail.send needs approval (destructive, open-world)", NOW, NOW.plus(Duration.ofHours(1)),
                Map.of("to", Provenance.untrusted(Source.tool("mail.read")), "body", Provenance.user())));
        runs.add(new RunView("r1", "Send the report to Bob", "RUNNING", "", 2, 1200, new BigDecimal("0.0031"), NOW,
                NOW));
        events.add(new AgentEvent("r1", AgentEvent.Type.RUN_STARTED, NOW, null, "started"));
        hits.add(new MemoryHit(new MemoryRecord("mem-1", MemoryLayer.LONG_TERM, "Bob prefers <short> mails", NOW, 0.5,
                Map.of()), 0.82, "text: 'bob' x1; recent"));
    }

    /** Sends {@code e} to every listener, as the agent would. */
    void publish(AgentEvent e) {
        listeners.forEach(l -> l.accept(e));
    }

    @Override
    public String userName() {
        return "Ann <admin>";
    }

    @Override
    public @Nullable BriefingView briefing() {
        return briefing;
    }

    @Override
    public void correctLabel(String messageId, String label) {
        calls.add("correctLabel " + messageId + " " + label);
    }

    @Override
    public void editDraft(String messageId, String text) {
        calls.add("editDraft " + messageId + " " + text);
    }

    @Override
    public List<ApprovalRequest> pendingApprovals() {
        return List.copyOf(approvals);
    }

    @Override
    public boolean approve(String requestId, String note) {
        calls.add("approve " + requestId + " " + note);
        return approvals.removeIf(a -> a.id().equals(requestId));
    }

    @Override
    public boolean deny(String requestId, String reason) {
        calls.add("deny " + requestId + " " + reason);
        return approvals.removeIf(a -> a.id().equals(requestId));
    }

    @Override
    public List<RunView> runs(int limit) {
        return runs.stream().limit(limit).toList();
    }

    @Override
    public @Nullable RunView run(String runId) {
        return runs.stream().filter(r -> r.runId().equals(runId)).findFirst().orElse(null);
    }

    @Override
    public List<AgentEvent> events(String runId) {
        return events.stream().filter(e -> e.runId().equals(runId)).toList();
    }

    @Override
    public AutoCloseable subscribe(Consumer<AgentEvent> listener) {
        listeners.add(listener);
        return () -> {
            if (listeners.remove(listener)) {
                unsubscribed.incrementAndGet();
            }
        };
    }

    @Override
    public String submitGoal(String goal) {
        if (goal.isBlank()) {
            throw new IllegalArgumentException("blank goal");
        }
        calls.add("submitGoal " + goal);
        String id = "r" + (runs.size() + 1);
        runs.add(0, new RunView(id, goal, "RUNNING", "", 0, 0, BigDecimal.ZERO, NOW, NOW));
        return id;
    }

    @Override
    public List<MemoryHit> searchMemory(String query, Set<MemoryLayer> layers, @Nullable Instant from,
            @Nullable Instant to, int limit) {
        calls.add("searchMemory " + query + " " + layers + " " + (from != null) + " " + (to != null));
        return List.copyOf(hits);
    }

    @Override
    public boolean forget(String memoryId) {
        calls.add("forget " + memoryId);
        return hits.removeIf(h -> h.record().id().equals(memoryId));
    }

    @Override
    public List<BrainView> brains() {
        return List.of(new BrainView("local-small", "local", 40, 1, Duration.ofMillis(350), BigDecimal.ZERO, "closed"),
                new BrainView("cloud-large", "cloud", 3, 0, Duration.ofMillis(1200), new BigDecimal("0.04"), "open"));
    }

    @Override
    public BigDecimal costSaved() {
        return new BigDecimal("1.25");
    }
}
