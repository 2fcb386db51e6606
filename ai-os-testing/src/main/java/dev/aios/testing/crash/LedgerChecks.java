package dev.aios.testing.crash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.PlanStep;
import dev.aios.api.RunOutcome;
import dev.aios.api.StepRecord;
import dev.aios.api.spi.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent's verdict over an {@link EffectLedger} after the last worker of a crash test: effects made
 * twice, completed steps without their effect (lost), effects of steps that did not complete, and runs whose
 * effects came from two owners at once. Each check returns what it found, one line each, for the test to
 * assert empty.
 */
public final class LedgerChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<EffectLedger.Effect> effects;
    private final Map<String, Integer> byPlainCall = new HashMap<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, Integer> byStep = new HashMap<>();
    private final Map<String, List<String>> ownersByRun = new LinkedHashMap<>();

    /** Checks these effects (as {@link EffectLedger#read} returns them). */
    public LedgerChecks(List<EffectLedger.Effect> effects) {
        this.effects = List.copyOf(effects);
        for (EffectLedger.Effect e : this.effects) {
            if (e.tool().equals("mail.send")) {
                byPlainCall.merge(e.runId() + " " + e.stepId() + " " + e.tool(), 1, Integer::sum);
            } else {
                byKey.merge(e.key(), 1, Integer::sum);
            }
            byStep.merge(e.runId() + " " + e.stepId(), 1, Integer::sum);
            List<String> owners = ownersByRun.computeIfAbsent(e.runId(), k -> new ArrayList<>());
            if (owners.isEmpty() || !owners.get(owners.size() - 1).equals(e.owner())) {
                owners.add(e.owner());
            }
        }
    }

    /** Reads a ledger file and checks its effects. */
    public static LedgerChecks read(Path ledger) throws IOException {
        return new LedgerChecks(EffectLedger.read(ledger));
    }

    /** @return every effect of the ledger, in the order written */
    public List<EffectLedger.Effect> effects() {
        return effects;
    }

    /** Whether the ledger has an effect of this step of this run. */
    public boolean hasEffect(String runId, String stepId) {
        return byStep.containsKey(runId + " " + stepId);
    }

    /**
     * Effects that happened more than once: a plain call made twice, a key used twice, a step with two effects.
     *
     * @return one line per duplicate; empty when every effect happened once
     */
    public List<String> duplicates() {
        List<String> duplicates = new ArrayList<>();
        byPlainCall.forEach((k, n) -> { if (n > 1) duplicates.add("plain call " + k + " x" + n); });
        byKey.forEach((k, n) -> { if (n > 1) duplicates.add("key " + k + " x" + n); });
        byStep.forEach((k, n) -> { if (n > 1) duplicates.add("step " + k + " has " + n + " effects"); });
        return duplicates;
    }

    /**
     * One owner at a time: an owner that made effects in a run never makes more after another owner did.
     *
     * @return one line per run whose effects came from owners interleaved; empty when none
     */
    public List<String> interleavedOwners() {
        List<String> twoOwners = new ArrayList<>();
        ownersByRun.forEach((run, owners) -> {
            if (owners.stream().distinct().count() != owners.size()) {
                twoOwners.add("run " + run + " had effects by " + owners);
            }
        });
        return twoOwners;
    }

    /** @return how many runs had effects by two or more owners in turn (runs taken over after a kill) */
    public int runsWithEffectsByMoreOwners() {
        return (int) ownersByRun.values().stream().filter(o -> o.size() > 1).count();
    }

    /**
     * Lost steps of one finished run: a side-effecting step that the final outcome has as SUCCEEDED without its
     * effect, one that the journal ever recorded as SUCCEEDED without its effect, and an effect of a step that
     * the outcome does not have as SUCCEEDED or REUSED.
     *
     * @param runId the run
     * @param outcome its recorded outcome
     * @param journaled every entry the journal holds for the run (STEP_OUTCOME bodies are read as the
     *     runtime writes them: {@code scope} ends with the step id after a NUL, {@code record.status})
     * @return one line per lost step; empty when none
     */
    public List<String> lostSteps(String runId, RunOutcome outcome, List<JournalEntry> journaled) {
        List<String> lost = new ArrayList<>();
        Map<String, StepRecord> steps = new HashMap<>();
        outcome.steps().forEach(r -> steps.put(r.step().id(), r));
        for (StepRecord r : outcome.steps()) {
            if (r.status() == StepRecord.Status.SUCCEEDED && r.step().action() instanceof PlanStep.CallTool c
                    && CrashWorld.SIDE_EFFECTING.contains(c.tool()) && !hasEffect(runId, r.step().id())) {
                lost.add("run " + runId + " step " + r.step().id() + " SUCCEEDED without its effect");
            }
        }
        for (JournalEntry e : journaled) { // every step ever journaled SUCCEEDED has its effect
            if (e.kind() == JournalEntry.Kind.STEP_OUTCOME) {
                JsonNode body;
                try {
                    body = JSON.readTree(e.body());
                } catch (JsonProcessingException x) {
                    throw new UncheckedIOException("run " + runId + ": a STEP_OUTCOME body is not JSON: " + x, x);
                }
                String scope = body.path("scope").asText();
                String stepId = scope.substring(scope.lastIndexOf('\u0000') + 1);
                StepRecord final_ = steps.get(stepId);
                if (body.path("record").path("status").asText().equals("SUCCEEDED") && final_ != null
                        && final_.step().action() instanceof PlanStep.CallTool c
                        && CrashWorld.SIDE_EFFECTING.contains(c.tool()) && !hasEffect(runId, stepId)) {
                    lost.add("run " + runId + " step " + stepId + " journaled SUCCEEDED without its effect");
                }
            }
        }
        for (EffectLedger.Effect e : effects) { // every effect belongs to a step the outcome has as done
            if (e.runId().equals(runId)) {
                StepRecord r = steps.get(e.stepId());
                if (r == null || (r.status() != StepRecord.Status.SUCCEEDED && r.status() != StepRecord.Status.REUSED)) {
                    lost.add("run " + runId + " step " + e.stepId() + " had its effect but ended "
                            + (r == null ? "absent" : r.status()));
                }
            }
        }
        return lost;
    }
}
