package dev.aios.runtime.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.Plan;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.PlanningRequest;
import dev.aios.api.spi.RunContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans from a learned skill when the goal matches one closely enough, without a model call;
 * otherwise (and always when replanning) asks the planner it wraps. Skills are written by
 * {@link SkillLearner}.
 */
public final class SkillPlanner implements Planner {
    private static final Logger log = LoggerFactory.getLogger(SkillPlanner.class);

    private final Planner fallback;
    private final double minSimilarity;

    /**
     * @param fallback the planner for goals no skill matches, and for replans
     * @param minSimilarity how closely a goal must match a skill's goal, from 0 (anything) to 1
     *     (the same words)
     */
    public SkillPlanner(Planner fallback, double minSimilarity) {
        if (!(minSimilarity > 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("skill match must be within (0, 1], was " + minSimilarity);
        }
        this.fallback = fallback;
        this.minSimilarity = minSimilarity;
    }

    @Override
    public String name() {
        return "skills+" + fallback.name();
    }

    @Override
    public Plan plan(PlanningRequest request, RunContext run) {
        if (!request.isReplan()) {
            Plan fromSkill = fromSkill(run);
            if (fromSkill != null) {
                return fromSkill;
            }
        }
        return fallback.plan(request, run);
    }

    private Plan fromSkill(RunContext run) {
        String template = Skills.template(run.goal());
        List<MemoryHit> hits;
        try {
            hits = run.memory().recall(new MemoryQuery(template, 5, Set.of(MemoryLayer.LONG_TERM),
                    Map.of("kind", Skills.KIND)));
        } catch (RuntimeException e) {
            log.warn("run {}: recalling skills failed; planning without them", run.runId(), e);
            return null;
        }
        for (MemoryHit hit : hits) {
            String skillTemplate = hit.record().metadata().get(Skills.META_TEMPLATE);
            String planJson = hit.record().metadata().get(Skills.META_PLAN);
            if (skillTemplate == null || planJson == null) {
                continue;
            }
            if (!hit.record().provenance().isTrusted()) {
                // a skill is a plan the agent runs without thinking: only one the user's inputs alone made
                log.debug("run {}: skill {} is not trusted ({}); ignored", run.runId(), hit.record().id(),
                        hit.record().provenance().describe());
                continue;
            }
            double similarity = Skills.similarity(template, skillTemplate);
            if (similarity < minSimilarity) {
                continue;
            }
            if (Skills.copiesWordsTheGoalLacks(skillTemplate, template, planJson)) {
                log.debug("run {}: skill '{}' would copy words of its own goal that this goal lacks; not reused",
                        run.runId(), skillTemplate);
                continue;
            }
            try {
                Plan plan = PlanJson.parse(Skills.fill(planJson, run.goal()), run.tools());
                if (run instanceof RunExecution execution) {
                    execution.planFromSkill(hit.record());
                }
                run.emit(AgentEvent.Type.SKILL_REUSED, null, "skill '" + skillTemplate + "' (match "
                        + Math.round(similarity * 100) + "%) supplied the plan; no model call");
                return plan;
            } catch (IllegalArgumentException e) {
                // a tool went away or a parameter is missing: the skill does not apply here
                log.debug("run {}: skill {} does not apply: {}", run.runId(), hit.record().id(), e.getMessage());
            }
        }
        return null;
    }
}
