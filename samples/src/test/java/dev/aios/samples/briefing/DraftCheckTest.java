package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What makes a brain's draft acceptable. */
class DraftCheckTest {
    private static final String EXAMPLE = "Hi Eva,\n\nsure, here are the slides.\n\nBest,\nSam";

    @Test
    void acceptsAShortReplyThatGreetsTheSenderOrOpensAsTheUserDoes() {
        assertThat(DraftCheck.problem("Hi Ben,\n\nhere you go.\n\nBest,\nSam", "Ben", EXAMPLE)).isEmpty();
        assertThat(DraftCheck.problem("Hi there,\n\nhere you go.\n\nSam", "Ben", EXAMPLE)).isEmpty();
        assertThat(DraftCheck.problem("Ben, here you go. Sam", "Ben", EXAMPLE)).isEmpty();
    }

    @Test
    void rejectsEmptyLongSelfTalkPlaceholdersAndNoGreeting() {
        assertThat(DraftCheck.problem("  ", "Ben", EXAMPLE)).hasValue("the answer was empty");
        assertThat(DraftCheck.problem("Hi Ben, " + "word ".repeat(130), "Ben", EXAMPLE)).get().asString()
                .contains("more than 120");
        assertThat(DraftCheck.problem("Hi Ben, as an AI I cannot send files.", "Ben", EXAMPLE)).get().asString()
                .contains("itself as a model");
        assertThat(DraftCheck.problem("Hi [Name],\n\nhere it is.", "Ben", EXAMPLE)).get().asString()
                .contains("placeholder [Name]");
        assertThat(DraftCheck.problem("Here it is.\n\nSam", "Ben", EXAMPLE)).get().asString()
                .contains("does not greet Ben", "'Hi'");
    }
}
