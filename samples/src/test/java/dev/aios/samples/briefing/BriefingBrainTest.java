package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rule brain reads multi-line context values the way the planner prints them. */
class BriefingBrainTest {
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

        assertThat(BriefingBrain.context(prompt, "to")).isEqualTo("Ben <ben@lumen.dev>");
        assertThat(BriefingBrain.context(prompt, "text")).isEqualTo("Hi Ben,\n\nsure - here: they are.");
        assertThat(BriefingBrain.context(prompt, "name")).isEqualTo("Ben");
        assertThat(BriefingBrain.context(prompt, "missing")).isEmpty();
    }
}
