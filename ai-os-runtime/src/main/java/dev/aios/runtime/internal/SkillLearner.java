package dev.aios.runtime.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.Reflection;
import dev.aios.api.RunOutcome;
import dev.aios.api.spi.Learner;
import dev.aios.api.spi.RunContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The skills learner ({@code skills}): stores the plan of every successful run as a skill in
 * long-term memory, parameterised by the goal's context, so {@link SkillPlanner} can reuse it for
 * goals like this one without a model call. Writing the same skill again refreshes it.
 */
public final class SkillLearner implements Learner {

    /** Creates the learner. */
    public SkillLearner() {}

    @Override
    public String name() {
        return "skills";
    }

    @Override
    public void learn(RunOutcome outcome, List<Reflection> reflections, RunContext run) {
        if (!outcome.succeeded() || outcome.lastPlan() == null) {
            return;
        }
        Provenance planLabel = run instanceof RunExecution execution ? execution.planLabel() : Provenance.unknown();
        if (!planLabel.isTrusted()) {
            // replaying a plan that untrusted text shaped would replay the attack, with no model to notice
            run.emit(AgentEvent.Type.LEARNED, null, "no skill learned: the plan depended on " + planLabel.describe());
            return;
        }
        String template = Skills.template(outcome.goal());
        String plan = Skills.parameterisePlan(PlanJson.write(outcome.lastPlan()), outcome.goal().context());
        run.memory().remember(new MemoryRecord(Skills.id(template), MemoryLayer.LONG_TERM, "Skill for goals like: "
                + template, Instant.now(), 0.8, Map.of("kind", Skills.KIND, Skills.META_TEMPLATE, template,
                Skills.META_PLAN, plan)).withProvenance(withoutSelf(planLabel, Skills.id(template))));
        run.emit(AgentEvent.Type.SKILL_LEARNED, null, "plan stored as a skill for goals like '" + template + "'");
    }

    /** A skill replayed and learned again must not list itself among its sources. */
    private static Provenance withoutSelf(Provenance label, String skillId) {
        java.util.TreeSet<Source> sources = new java.util.TreeSet<>(label.sources());
        sources.remove(Source.memory(skillId));
        return new Provenance(sources, label.trust(), label.readers());
    }
}
