package dev.aios.runtime.internal;

import dev.aios.api.Lesson;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.PlanStep;
import dev.aios.api.Provenance;
import dev.aios.api.Reflection;
import dev.aios.api.RunOutcome;
import dev.aios.api.Secrets;
import dev.aios.api.StepRecord;
import dev.aios.api.spi.Learner;
import dev.aios.api.spi.RunContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The default learner ({@code episodes}): writes each finished run to episodic memory (goal,
 * steps, outcome, answer) and each lesson of its reflections to long-term memory, so later runs
 * recall them when perceiving. What it writes is scrubbed of secrets ({@link dev.aios.api.Secrets}).
 */
public final class EpisodeLearner implements Learner {

    /** Creates the learner. */
    public EpisodeLearner() {}

    @Override
    public String name() {
        return "episodes";
    }

    @Override
    public void learn(RunOutcome outcome, List<Reflection> reflections, RunContext run) {
        StringBuilder text = new StringBuilder();
        text.append("Run of goal: ").append(outcome.goal().text()).append("\nOutcome: ").append(outcome.status())
                .append(" (").append(outcome.detail()).append(")\nSteps:");
        for (StepRecord r : outcome.steps()) {
            text.append("\n- ").append(r.step().id()).append(' ')
                    .append(r.step().action() instanceof PlanStep.CallTool c ? c.tool() : "sub-goal")
                    .append(": ").append(r.status());
        }
        if (!outcome.answer().isBlank()) {
            // Scrubbed before it is cut: half a registered key no longer matches it.
            text.append("\nAnswer: ").append(Excerpt.of(Secrets.scrub(outcome.answer()), 1000));
        }
        Instant now = Instant.now();
        // The episode quotes the answer and names the steps: it is as trusted as the least trusted of them.
        Provenance label = outcome.provenanceOfAll();
        // The outcome's detail may quote a provider's error, and memory is recalled into later prompts: scrub it
        // here too, for a run context whose memory does not (ScrubbingMemory).
        run.memory().remember(ScrubbingMemory.scrub(new MemoryRecord("run:" + outcome.runId(), MemoryLayer.EPISODIC,
                text.toString(), now, outcome.succeeded() ? 0.4 : 0.6,
                Map.of("kind", "run", "status", outcome.status().name(), "goal", outcome.goal().id()))
                .withProvenance(label)));
        for (Reflection reflection : reflections) {
            for (Lesson lesson : reflection.lessons()) {
                String id = "lesson:" + UUID.nameUUIDFromBytes(lesson.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                // reflectors see only trusted text (untrusted results are withheld from them), so lessons are the user's
                run.memory().remember(ScrubbingMemory.scrub(new MemoryRecord(id, MemoryLayer.LONG_TERM,
                        "Lesson: " + lesson.text(), now, 0.7,
                        Map.of("kind", "lesson", "tags", String.join(",", lesson.tags())))
                        .withProvenance(outcome.goal().textLabel())));
            }
        }
    }
}
