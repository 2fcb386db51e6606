package dev.aios.service.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.runtime.Agent;
import dev.aios.runtime.RunSummary;
import dev.aios.samples.briefing.BriefingReport;
import dev.aios.service.internal.console.ConsoleBackend;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The console's view of the running service: the briefing runner, the agent (runs, approvals,
 * goals), memory and the brains' figures.
 */
public final class ServiceBackend implements ConsoleBackend {
    /** The persistent layers the console searches when none is named. */
    private static final Set<MemoryLayer> PERSISTENT = EnumSet.of(MemoryLayer.LONG_TERM, MemoryLayer.EPISODIC);

    private final String userName;
    private final BriefingRunner briefings;
    private final Agent agent;
    private final Memory memory;
    private final EventLog events;
    private final Supplier<List<BrainView>> brains;
    private final Supplier<BigDecimal> costSaved;

    /**
     * @param userName the user's name
     * @param briefings the briefing runner
     * @param agent the agent that runs goals and holds the approvals
     * @param memory the service's memory
     * @param events the events of recent runs
     * @param brains the brains' figures, read on each request
     * @param costSaved money saved by routing, read on each request
     */
    public ServiceBackend(String userName, BriefingRunner briefings, Agent agent, Memory memory, EventLog events,
            Supplier<List<BrainView>> brains, Supplier<BigDecimal> costSaved) {
        this.userName = userName;
        this.briefings = briefings;
        this.agent = agent;
        this.memory = memory;
        this.events = events;
        this.brains = brains;
        this.costSaved = costSaved;
    }

    @Override
    public String userName() {
        return userName;
    }

    @Override
    public @Nullable BriefingView briefing() {
        return briefings.latest().map(l -> view(l, briefings.corrected())).orElse(null);
    }

    static BriefingView view(BriefingRunner.Latest latest, Map<String, String> corrected) {
        BriefingReport r = latest.report();
        List<TriageItem> triage = r.triaged().stream()
                .map(t -> corrected.containsKey(t.messageId())
                        ? new TriageItem(t.messageId(), t.from(), t.subject(), corrected.get(t.messageId()), 1.0,
                                List.of("corrected by you"))
                        : new TriageItem(t.messageId(), t.from(), t.subject(), t.label(), t.confidence(), why(t)))
                .toList();
        List<DraftItem> drafts = r.replyDrafts().stream()
                .map(d -> new DraftItem(d.messageId(), d.to(), d.subject(), d.text(), d.writtenBy(), d.todo())).toList();
        List<MeetingItem> meetings = r.meetings().stream()
                .map(m -> new MeetingItem(m.title(), m.attendees(), m.openThreads(), m.lastNotes())).toList();
        return new BriefingView(latest.at(), triage, drafts, meetings, r.limitations());
    }

    /** The reasons as the console shows them: the deadline first, then the evidence for and against. */
    private static List<String> why(BriefingReport.Triaged t) {
        List<String> out = new java.util.ArrayList<>();
        if (!t.due().isEmpty()) {
            out.add("due " + t.due());
        }
        if (t.suspicious()) {
            out.add("possible phishing: do not click or reply");
        }
        out.addAll(t.reasons());
        t.against().forEach(a -> out.add("but " + a));
        return out;
    }

    @Override
    public List<ArrivalItem> arrivals() {
        return briefings.arrivals().stream()
                .map(a -> new ArrivalItem(a.id(), a.from(), a.subject(), a.at(), a.seenAt())).toList();
    }

    @Override
    public void correctLabel(String messageId, String label) {
        briefings.correct(messageId, label);
    }

    @Override
    public void editDraft(String messageId, String text) {
        briefings.draftEdited(messageId, text);
    }

    @Override
    public List<ApprovalRequest> pendingApprovals() {
        return agent.approvals().pending();
    }

    @Override
    public boolean approve(String requestId, String note) {
        return agent.approvals().approve(requestId, note);
    }

    @Override
    public boolean deny(String requestId, String reason) {
        return agent.approvals().deny(requestId, reason);
    }

    @Override
    public List<RunView> runs(int limit) {
        List<RunSummary> all = new ArrayList<>(agent.runs());
        all.sort(Comparator.comparing(RunSummary::startedAt).reversed());
        return all.stream().limit(Math.max(0, limit)).map(ServiceBackend::view).toList();
    }

    @Override
    public @Nullable RunView run(String runId) {
        return agent.runSummary(runId).map(ServiceBackend::view).orElse(null);
    }

    static RunView view(RunSummary s) {
        return new RunView(s.runId(), s.goal(), s.state().name(), s.status() == null ? "" : s.status().name(),
                s.stepsDone(), s.spent().totalTokens(), s.spent().cost(), s.startedAt(), s.updatedAt());
    }

    @Override
    public List<AgentEvent> events(String runId) {
        return events.events(runId);
    }

    @Override
    public AutoCloseable subscribe(Consumer<AgentEvent> listener) {
        return events.subscribe(listener);
    }

    @Override
    public String submitGoal(String goal) {
        if (goal == null || goal.isBlank()) {
            throw new IllegalArgumentException("the goal is empty: say what to do");
        }
        return agent.start(Goal.of(goal.strip())).runId();
    }

    @Override
    public List<MemoryHit> searchMemory(String query, Set<MemoryLayer> layers, @Nullable Instant from,
            @Nullable Instant to, int limit) {
        Set<MemoryLayer> searched = layers.isEmpty() ? PERSISTENT : layers;
        int wanted = Math.max(1, Math.min(limit, 500));
        // Filter by time here: ask for more when a window is set, so the window still fills.
        int asked = from == null && to == null ? wanted : Math.min(wanted * 10, 5_000);
        List<MemoryHit> hits = memory.recall(new MemoryQuery(query == null ? "" : query, asked, searched, Map.of()));
        return hits.stream()
                .filter(h -> from == null || !h.record().at().isBefore(from))
                .filter(h -> to == null || !h.record().at().isAfter(to))
                .limit(wanted).toList();
    }

    @Override
    public boolean forget(String memoryId) {
        return memory.forget(memoryId);
    }

    @Override
    public List<BrainView> brains() {
        return brains.get();
    }

    @Override
    public BigDecimal costSaved() {
        return costSaved.get();
    }
}
