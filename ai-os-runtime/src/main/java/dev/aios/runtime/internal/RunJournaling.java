package dev.aios.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.Budget;
import dev.aios.api.Goal;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.Provenance;
import dev.aios.api.Reflection;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.Secrets;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolRisk;
import dev.aios.api.Usage;
import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A top-level run's journal, shared with its sub-goal runs: what the run writes as it goes, and,
 * for a resumed run, what its earlier life wrote, indexed for replay.
 *
 * <p>What must be durable before the run goes on is appended with {@link RunLog#append}: the
 * intent of a call that may not be repeated, approval requests and decisions, the end. The rest
 * (plans, reflections, outcomes, spend) is appended with {@link RunLog#appendLater}: the next
 * durable append flushes it, in order, and a crash that loses it loses nothing that was acted
 * on (a lost plan is planned again; a lost outcome leaves an intent, which is handled as
 * interrupted).
 *
 * <p>A step is named by its scope: run id, plan number and step id. Thread-safe.
 */
final class RunJournaling {
    private static final Logger log = LoggerFactory.getLogger(RunJournaling.class);

    /** The journaling of a run without a journal: records nothing, replays nothing. */
    static final RunJournaling NONE = new RunJournaling(null, List.of());

    /** A recorded plan and the label of its text. */
    record RecordedPlan(Plan plan, Provenance label) {}

    /**
     * A call a step began and (as far as the journal knows) never finished.
     *
     * @param serial how many intents the step's scope has recorded, this one included: names the call
     *     among the step's calls, so that a question about it is not answered by the answer about an
     *     earlier one
     */
    record Intent(int attempt, String key, int serial) {}

    /** An approval request of a step and, if it was answered, the answer. */
    record RecordedApproval(JsonNode request, @Nullable Decision decision) {
        String id() {
            return request.path("id").asText();
        }

        Instant expiresAt() {
            return Instant.parse(request.path("expiresAt").asText());
        }
    }

    /** A person's (or the clock's) answer to an approval request. */
    record Decision(boolean approved, String note, boolean timedOut) {}

    /** What the run had spent when its last BUDGET entry was written. */
    record Spent(Usage usage, int steps, long elapsedNanos) {}

    private final @Nullable RunLog runLog;
    private final Map<String, JsonNode> plans = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> reflections = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> intents = new ConcurrentHashMap<>();
    private final Map<String, Integer> intentCounts = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> outcomes = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> approvals = new ConcurrentHashMap<>();
    private final Map<String, Decision> decisions = new ConcurrentHashMap<>();
    private volatile @Nullable Spent spent;
    private volatile boolean learned;
    private volatile @Nullable JsonNode finished;
    private final boolean resumed;

    private RunJournaling(@Nullable RunLog log, List<JournalEntry> earlier) {
        this.runLog = log;
        this.resumed = !earlier.isEmpty();
        for (JournalEntry e : earlier) {
            index(e.kind(), JournalCodec.parse(e.body()));
        }
    }

    /** Starts recording a new run: its RUN_STARTED entry is durable when this returns. */
    static RunJournaling start(RunJournal journal, String runId, Goal goal) {
        ObjectNode body = JournalCodec.object();
        body.put("run", runId);
        body.set("goal", JournalCodec.goal(goal));
        return new RunJournaling(journal.create(runId, JournalEntry.of(Kind.RUN_STARTED, Secrets.scrub(body.toString()))),
                List.of());
    }

    /** Goes on recording a claimed run, with what it recorded before indexed for replay. */
    static RunJournaling resume(RunLog claimed) {
        return new RunJournaling(claimed, claimed.entries());
    }

    /** @return the goal a journal's entries started with */
    static Goal goalOf(List<JournalEntry> entries) {
        if (entries.isEmpty() || entries.get(0).kind() != Kind.RUN_STARTED) {
            throw new JournalException("the run's log does not begin with its start (RUN_STARTED)", false, null);
        }
        return JournalCodec.goal(JournalCodec.parse(entries.get(0).body()).path("goal"));
    }

    /** @return whether this run recorded something before (it is being resumed) */
    boolean resumed() {
        return resumed;
    }

    private void index(Kind kind, JsonNode body) {
        switch (kind) {
            case PLAN -> plans.put(planKey(body.path("run").asText(), body.path("n").asInt()), body);
            case REFLECTION -> reflections.put(planKey(body.path("run").asText(), body.path("n").asInt()), body);
            case STEP_INTENT -> {
                intents.put(body.path("scope").asText(), body);
                intentCounts.merge(body.path("scope").asText(), 1, Integer::sum);
            }
            case STEP_OUTCOME -> outcomes.put(body.path("scope").asText(), body);
            case APPROVAL_REQUESTED -> approvals.put(body.path("scope").asText(), body);
            case APPROVAL_DECIDED -> decisions.put(body.path("id").asText(), decision(body));
            case BUDGET -> spent = new Spent(JournalCodec.usage(body.path("usage")), body.path("steps").asInt(),
                    body.path("elapsedNanos").asLong());
            case LEARNED -> learned = true;
            case RUN_FINISHED -> finished = body;
            case RUN_STARTED -> { }
        }
    }

    private static Decision decision(JsonNode body) {
        return new Decision(body.path("approved").asBoolean(), body.path("note").asText(), body.path("timedOut").asBoolean());
    }

    static String planKey(String run, int n) {
        return run + '\u0000' + n;
    }

    /** @return the scope naming step {@code stepId} of plan {@code plan} of run {@code run} */
    static String scope(String run, int plan, String stepId) {
        return run + '\u0000' + plan + '\u0000' + stepId;
    }

    /**
     * @param call the call's identity (tool and canonical arguments): a plan made again after a
     *     crash (its first version was not yet durable) may give the same step id to another call,
     *     which must not get this call's key
     * @return the idempotency key of attempt {@code attempt} of the call in {@code scope}: the same
     *     in every process that runs it, different for every other call
     */
    static String idempotencyKey(String scope, int attempt, String call) {
        return UUID.nameUUIDFromBytes((scope + '\u0000' + attempt + '\u0000' + call).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    // ---- writing ---------------------------------------------------------------------------

    private void write(Kind kind, ObjectNode body, boolean durable) {
        RunLog target = runLog;
        if (target == null) {
            return;
        }
        // A journal is storage like memory: no configured secret is written to it (a resumed run reads the mark).
        JournalEntry entry = JournalEntry.of(kind, Secrets.scrub(body.toString()));
        if (durable) {
            target.append(entry);
        } else {
            target.appendLater(entry);
        }
        index(kind, body);
    }

    void planned(String run, int n, Plan plan, Provenance label) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.put("run", run);
        body.put("n", n);
        body.set("plan", JournalCodec.plan(plan));
        body.set("label", JournalCodec.label(label));
        write(Kind.PLAN, body, false);
    }

    @Nullable RecordedPlan recordedPlan(String run, int n) {
        JsonNode body = plans.get(planKey(run, n));
        return body == null ? null
                : new RecordedPlan(JournalCodec.plan(body.path("plan")), JournalCodec.label(body.path("label")));
    }

    void reflected(String run, int n, Reflection reflection) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.put("run", run);
        body.put("n", n);
        body.set("reflection", JournalCodec.reflection(reflection));
        write(Kind.REFLECTION, body, false);
    }

    @Nullable Reflection recordedReflection(String run, int n) {
        JsonNode body = reflections.get(planKey(run, n));
        return body == null ? null : JournalCodec.reflection(body.path("reflection"));
    }

    /**
     * Records that a call is about to be made. Durable first when the call may not be repeated
     * blindly, so that a resumed run knows it may have happened.
     */
    void intent(String scope, int attempt, String key, String tool, boolean durable) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.put("scope", scope);
        body.put("attempt", attempt);
        body.put("key", key);
        body.put("tool", tool);
        write(Kind.STEP_INTENT, body, durable);
    }

    /** @return the last call begun in {@code scope} by an earlier life of the run, if it has no outcome */
    @Nullable Intent interruptedCall(String scope) {
        JsonNode body = intents.get(scope);
        if (body == null || outcomes.containsKey(scope)) {
            return null;
        }
        return new Intent(body.path("attempt").asInt(), body.path("key").asText(), intentCounts.getOrDefault(scope, 1));
    }

    void outcome(String scope, StepRecord record) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.put("scope", scope);
        body.set("record", JournalCodec.record(record));
        write(Kind.STEP_OUTCOME, body, false);
    }

    /** @return the recorded outcome of {@code step} in {@code scope}, or null */
    @Nullable StepRecord recordedOutcome(String scope, PlanStep step) {
        JsonNode body = outcomes.get(scope);
        return body == null ? null : JournalCodec.record(step, body.path("record"));
    }

    /** Records an approval request, durably: after a crash it is still pending. */
    void approvalRequested(String scope, ApprovalRequest request, boolean inDoubt) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.put("scope", scope);
        body.put("id", request.id());
        body.put("run", request.runId());
        body.put("callId", request.call().id());
        body.put("tool", request.call().tool());
        body.set("arguments", RuntimeJson.MAPPER.valueToTree(request.call().arguments()));
        if (request.call().idempotencyKey() != null) {
            body.put("key", request.call().idempotencyKey());
        }
        body.put("reason", request.reason());
        body.put("requestedAt", request.requestedAt().toString());
        body.put("expiresAt", request.expiresAt().toString());
        ObjectNode flows = body.putObject("flows");
        request.flows().forEach((path, label) -> flows.set(path, JournalCodec.label(label)));
        body.put("inDoubt", inDoubt);
        write(Kind.APPROVAL_REQUESTED, body, true);
    }

    /** @return the approval request recorded for {@code scope}, with its answer if it has one */
    @Nullable RecordedApproval recordedApproval(String scope) {
        JsonNode body = approvals.get(scope);
        return body == null ? null : new RecordedApproval(body, decisions.get(body.path("id").asText()));
    }

    /** Records an answer, durably. */
    void approvalDecided(String requestId, Decision decision) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.put("id", requestId);
        body.put("approved", decision.approved());
        body.put("note", decision.note());
        body.put("timedOut", decision.timedOut());
        write(Kind.APPROVAL_DECIDED, body, true);
    }

    /** @return the request {@code recorded} describes, as a person sees it */
    static ApprovalRequest request(JsonNode body, Goal goal, ToolRegistry tools) {
        String tool = body.path("tool").asText();
        ToolDescriptor descriptor = tools.find(tool).orElseGet(() -> new ToolDescriptor(tool,
                "(no longer registered with the agent)", ToolDescriptor.NO_ARGUMENTS, ToolRisk.UNKNOWN));
        Map<String, Provenance> flows = new LinkedHashMap<>();
        body.path("flows").properties().forEach(e -> flows.put(e.getKey(), JournalCodec.label(e.getValue())));
        ToolCall call = new ToolCall(body.path("callId").asText(), tool, JournalCodec.arguments(body.path("arguments")),
                JournalCodec.textOrNull(body, "key"));
        return new ApprovalRequest(body.path("id").asText(), body.path("run").asText(), goal, call, descriptor,
                body.path("reason").asText(), Instant.parse(body.path("requestedAt").asText()),
                Instant.parse(body.path("expiresAt").asText()), flows);
    }

    /** @return the requests of this journal's entries that nobody answered */
    static List<JsonNode> unanswered(List<JournalEntry> entries) {
        Map<String, JsonNode> open = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            if (e.kind() == Kind.APPROVAL_REQUESTED) {
                JsonNode body = JournalCodec.parse(e.body());
                open.put(body.path("id").asText(), body);
            } else if (e.kind() == Kind.APPROVAL_DECIDED) {
                open.remove(JournalCodec.parse(e.body()).path("id").asText());
            } else if (e.kind() == Kind.RUN_FINISHED) {
                return List.of();
            }
        }
        return List.copyOf(open.values());
    }

    void spent(Usage usage, int steps, long elapsedNanos) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.set("usage", JournalCodec.usage(usage));
        body.put("steps", steps);
        body.put("elapsedNanos", elapsedNanos);
        write(Kind.BUDGET, body, false);
    }

    /** @return what an earlier life of the run had spent, or null */
    @Nullable Spent recordedSpend() {
        return spent;
    }

    boolean hasLearned() {
        return learned;
    }

    void learned() {
        if (runLog == null) {
            return;
        }
        write(Kind.LEARNED, JournalCodec.object(), false);
    }

    /**
     * Records the run's end durably and gives up the log.
     *
     * @param history each step record of the top-level run, with the number of the plan it belongs to
     */
    void finished(RunOutcome outcome, List<PlanScheduler.Numbered> history) {
        if (runLog == null) {
            return;
        }
        ObjectNode body = JournalCodec.object();
        body.put("status", outcome.status().name());
        body.put("answer", outcome.answer());
        body.set("answerLabel", JournalCodec.label(outcome.answerProvenance()));
        body.put("detail", outcome.detail());
        if (outcome.exhausted() != null) {
            body.put("exhausted", outcome.exhausted().name());
        }
        body.put("plans", outcome.plans());
        body.set("usage", JournalCodec.usage(outcome.usage()));
        body.put("elapsed", outcome.elapsed().toString());
        var steps = body.putArray("steps");
        for (PlanScheduler.Numbered n : history) {
            ObjectNode s = steps.addObject();
            s.put("plan", n.plan());
            s.put("id", n.record().step().id());
            s.set("record", JournalCodec.record(n.record()));
        }
        write(Kind.RUN_FINISHED, body, true);
    }

    /** @return the outcome recorded by a finished run, rebuilt; null while the run has not finished */
    @Nullable RunOutcome recordedOutcome(String runId, Goal goal) {
        JsonNode body = finished;
        if (body == null) {
            return null;
        }
        List<StepRecord> steps = new ArrayList<>();
        Plan last = null;
        for (JsonNode s : body.path("steps")) {
            int n = s.path("plan").asInt();
            RecordedPlan plan = recordedPlan(runId, n);
            if (plan == null) {
                throw new JournalException("run " + runId + "'s log records a step of plan " + n + " but not the plan", false,
                        null);
            }
            PlanStep step = plan.plan().steps().stream().filter(p -> p.id().equals(s.path("id").asText())).findFirst()
                    .orElseThrow(() -> new JournalException("run " + runId + "'s log records a step that plan " + n
                            + " does not have", false, null));
            steps.add(JournalCodec.record(step, s.path("record")));
        }
        int plansMade = body.path("plans").asInt();
        for (int n = plansMade; n >= 1 && last == null; n--) {
            RecordedPlan plan = recordedPlan(runId, n);
            if (plan != null) {
                last = plan.plan();
            }
        }
        String exhausted = JournalCodec.textOrNull(body, "exhausted");
        return new RunOutcome(runId, goal, RunStatus.valueOf(body.path("status").asText()), body.path("answer").asText(),
                body.path("detail").asText(), exhausted == null ? null : Budget.Kind.valueOf(exhausted), steps, plansMade,
                JournalCodec.usage(body.path("usage")), Duration.parse(body.path("elapsed").asText()), last,
                JournalCodec.label(body.path("answerLabel")));
    }

    /** Gives up the log (flushing what it buffered); a failure is logged: the run's outcome stands. */
    void close() {
        RunLog target = runLog;
        if (target == null) {
            return;
        }
        try {
            target.close();
        } catch (RuntimeException e) {
            log.warn("run {}: closing its journal failed: {}", target.runId(), e.getMessage());
        }
    }
}
