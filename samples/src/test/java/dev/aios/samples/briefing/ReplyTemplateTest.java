package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The template a draft falls back to: the user's greeting and sign-off around the request's own words. */
class ReplyTemplateTest {
    private static final String EVA = "Hi Eva,\n\nsure, here are the slides from Monday's all-hands. Let me know if anything"
            + " is missing.\n\nBest,\nSam";
    private static final String CARLA = "Dear Carla,\n\nof course, here is a copy of invoice 4411. The October total was"
            + " 12,400 EUR.\n\nBest regards,\nSam";

    @Test
    void hereIsOrHereAreFollowsTheThingAskedFor() {
        assertThat(ReplyTemplate.plural("the link to the docs")).isFalse();
        assertThat(ReplyTemplate.plural("the travel receipts for October")).isTrue();
        assertThat(ReplyTemplate.plural("the access for staging")).isFalse();
        assertThat(ReplyTemplate.write("the slides from the review", "Ben", "", "Sam").text()).contains("here are the slides");
    }

    @Test
    void greetsAndSignsAsThePastReplyAndKeepsNoneOfItsBody() {
        ReplyTemplate.Text t = ReplyTemplate.write("the November report", "Mia", CARLA, "Sam");
        assertThat(t.text()).isEqualTo("Dear Mia,\n\nof course, here is the November report.\n\nBest regards,\nSam");
        assertThat(t.text()).doesNotContain("4411", "October", "12,400");
        assertThat(t.todo()).isEqualTo("Attach the November report: the draft says it is attached.");
    }

    @Test
    void saysWhatToDoBeforeSendingAsANoteNotAPlaceholder() {
        ReplyTemplate.Text link = ReplyTemplate.write("the link to the offline sync design doc", "Ana", EVA, "Sam");
        assertThat(link.text()).isEqualTo("Hi Ana,\n\nsure, here is the link to the offline sync design doc.\n\nBest,\nSam");
        assertThat(link.todo()).isEqualTo("Paste the link to the offline sync design doc into the draft.");
        ReplyTemplate.Text access = ReplyTemplate.write("the access for the analytics dashboard", "Dev", EVA, "Sam");
        assertThat(access.text()).contains("sure, I've shared the access for the analytics dashboard with you.");
        assertThat(access.todo()).isEqualTo("Share the access for the analytics dashboard with Dev first:"
                + " the draft says it is done.");
        for (ReplyTemplate.Text t : java.util.List.of(link, access)) {
            assertThat(DraftCheck.problem(t.text(), "Ana", EVA)).isEmpty();
            assertThat(t.text()).doesNotContain("[", "]", "{{", "anything is missing");
        }
    }

    @Test
    void speaksFromTheUsersSideAndFallsBackToDefaultsWithoutAPastReply() {
        ReplyTemplate.Text t = ReplyTemplate.write("your notes from my talk", "Finn", "", "Ola");
        assertThat(t.text()).isEqualTo("Hi Finn,\n\nsure, here are my notes from your talk.\n\nBest,\nOla");
        // A last paragraph that is body text, not a sign-off, is not taken for one.
        assertThat(ReplyTemplate.closing("Hi Ben,\n\nhere it is.\n\nThe figures for Q3 are at the end of the file, 4 pages.",
                "Sam")).isEqualTo("Best,\nSam");
    }
}
