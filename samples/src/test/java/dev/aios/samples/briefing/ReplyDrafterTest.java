package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The small grammar of adapted drafts. */
class ReplyDrafterTest {
    @Test
    void hereIsOrHereAreFollowsTheThingAskedFor() {
        assertThat(ReplyDrafter.agree("sure, here are the link to the doc.", "the link to the doc"))
                .isEqualTo("sure, here is the link to the doc.");
        assertThat(ReplyDrafter.agree("of course, here is the travel receipts for October.", "the travel receipts for October"))
                .isEqualTo("of course, here are the travel receipts for October.");
        assertThat(ReplyDrafter.agree("here is the access for staging", "the access for staging"))
                .isEqualTo("here is the access for staging");
    }
}
