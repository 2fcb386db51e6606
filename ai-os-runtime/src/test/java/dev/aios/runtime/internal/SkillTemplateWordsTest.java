package dev.aios.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Skill templates are compared by the project's word rule, with each placeholder a word of its own. */
class SkillTemplateWordsTest {

    @Test
    void punctuationAndCaseDoNotChangeWhichSkillAGoalMatches() {
        assertThat(Skills.similarity("Weather, in ${city}!", "weather in ${city}")).isEqualTo(1.0);
        assertThat(Skills.id("Weather, in ${city}!")).isEqualTo(Skills.id("weather in ${city}"));
    }

    @Test
    void aPlaceholderDoesNotMatchTheLiteralWordItIsNamedAfter() {
        assertThat(Skills.similarity("weather in ${city}", "weather in city")).isEqualTo(0.5);
    }

    @Test
    void aSkillThatWroteItsGoalsWordsLiterallyDoesNotServeAGoalWithOtherWords() {
        String plan = "{\"steps\":[{\"id\":\"send\",\"tool\":\"mail.send_draft\","
                + "\"arguments\":{\"draft\":\"q3-report.eml\"}}]}";
        assertThat(Skills.copiesWordsTheGoalLacks("send the draft q3-report.eml", "send the draft q4-report.eml", plan))
                .isTrue();
        // the same goal, and a goal whose parameter is in its context, are served
        assertThat(Skills.copiesWordsTheGoalLacks("send the draft q3-report.eml", "Send the draft q3-report.eml!", plan))
                .isFalse();
        assertThat(Skills.copiesWordsTheGoalLacks("weather in ${city}", "weather in ${city} today",
                "{\"steps\":[{\"arguments\":{\"city\":\"${city}\"}}]}")).isFalse();
        // a word the new goal lacks but the plan never uses does not matter
        assertThat(Skills.copiesWordsTheGoalLacks("please send the draft q3-report.eml", "send the draft q3-report.eml",
                plan)).isFalse();
    }
}
