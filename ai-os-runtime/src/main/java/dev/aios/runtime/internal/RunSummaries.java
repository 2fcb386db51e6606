package dev.aios.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.RunStatus;
import dev.aios.api.Usage;
import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import dev.aios.runtime.RunSummary;
import java.util.List;

/** Reads a {@link RunSummary} from a run's journal entries. */
public final class RunSummaries {
    private RunSummaries() {}

    /** @return whether the entries end with the run's end */
    public static boolean finished(List<JournalEntry> entries) {
        return !entries.isEmpty() && entries.get(entries.size() - 1).kind() == Kind.RUN_FINISHED;
    }

    /**
     * @param runningHere whether the run is running in this process
     * @return the summary of the run {@code entries} record
     */
    public static RunSummary of(String runId, List<JournalEntry> entries, boolean runningHere) {
        String goal = RunJournaling.goalOf(entries).text();
        RunStatus status = null;
        Usage spent = Usage.NONE;
        int steps = 0;
        for (JournalEntry e : entries) {
            switch (e.kind()) {
                case STEP_OUTCOME -> {
                    // the top-level run's own steps; a sub-goal's steps are counted as the one step that ran it
                    JsonNode body = JournalCodec.parse(e.body());
                    if (body.path("scope").asText().startsWith(runId + '\u0000')) {
                        steps++;
                    }
                }
                case BUDGET -> spent = JournalCodec.usage(JournalCodec.parse(e.body()).path("usage"));
                case RUN_FINISHED -> {
                    JsonNode body = JournalCodec.parse(e.body());
                    status = RunStatus.valueOf(body.path("status").asText());
                    spent = JournalCodec.usage(body.path("usage"));
                }
                default -> { }
            }
        }
        RunSummary.State state;
        if (status != null) {
            state = RunSummary.State.FINISHED;
        } else if (!RunJournaling.unanswered(entries).isEmpty()) {
            state = RunSummary.State.WAITING_FOR_APPROVAL;
        } else {
            state = runningHere ? RunSummary.State.RUNNING : RunSummary.State.INTERRUPTED;
        }
        return new RunSummary(runId, goal, state, status, steps, spent, entries.get(0).at(),
                entries.get(entries.size() - 1).at());
    }
}
