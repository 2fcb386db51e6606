package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule-based planner reads multi-line context values the way the planner prints them. */
class BriefingRulePlannerTest {
    @Test
    void readsEachContextValueUpToTheNextKey() {
        String prompt = """
                Goal: Draft a reply to Ben about Slides

                Context:
                - to: Ben <ben@lumen.dev>
                - text: Hi Ben,

                sure - here: they are.
                - name: Ben

                Tools (name [risk]: description; arguments schema):
                - mail.draft [side_effecting]: Save a draft""";

        assertThat(BriefingRulePlanner.context(prompt, "to")).isEqualTo("Ben <ben@lumen.dev>");
        assertThat(BriefingRulePlanner.context(prompt, "text")).isEqualTo("Hi Ben,\n\nsure - here: they are.");
        assertThat(BriefingRulePlanner.context(prompt, "name")).isEqualTo("Ben");
        assertThat(BriefingRulePlanner.context(prompt, "missing")).isEmpty();
    }
}
