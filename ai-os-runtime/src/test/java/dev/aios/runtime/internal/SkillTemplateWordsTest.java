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
}
