package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.routing.Classification;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Needs you" is ordered by urgency and says by when; reasons show both sides; a suspicious mail says so. */
class TriageSectionTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static MailItem mail(String id, int daysAgo, String subject, String body) {
        return new MailItem("mail:" + id, id, "Kim Ode", "kim@firm.example", "me@firm.example", "", subject, body,
                LocalDateTime.of(TODAY.minusDays(daysAgo), java.time.LocalTime.of(8, 30)).atZone(ZONE).toInstant(), id, "",
                "inbox", RawMail.NONE);
    }

    private static Classification needsYou() {
        return new Classification(Triage.NEEDS_YOU, Map.of(Triage.NEEDS_YOU, 0.8, Triage.ROUTINE, 0.2),
                List.of("decision words (+1.50)"), List.of("for routine: request verb (+1.00)", "for routine: update words (+0.80)"));
    }

    @Test
    void needsYouComesSoonestDeadlineFirstThenNewestWithout() {
        // Newest first, as the inbox is read.
        List<MailItem> inbox = List.of(
                mail("a", 0, "Lunch order", "Which sandwich do you prefer?"),
                mail("b", 1, "Tender", "Should we bid? I need your decision by Friday."),
                mail("c", 6, "Overtime", "Can you approve the overtime by 15:00 today?"),
                mail("d", 8, "Old question", "Do you want the blue or the red one?"));
        Map<String, Classification> labels = Map.of("a", needsYou(), "b", needsYou(), "c", needsYou(), "d", needsYou());
        TriageSection section = new TriageSection(inbox, ZONE, TODAY, m -> Deadline.find(m.content(), m.at().atZone(ZONE)));

        List<String> order = section.byUrgency(labels).stream().map(MailItem::messageId).toList();
        BriefingDocument doc = new BriefingDocument("t");
        section.write(doc, labels);

        // c was sent 6 days ago "by 15:00 today": overdue, so first; then b (Friday); then the undated, newest first.
        assertThat(order).containsExactly("c", "b", "a", "d");
        assertThat(doc.markdown()).contains("due overdue since Thu 26 Nov 15:00 (\"by 15:00 today\"): Kim Ode: Overtime")
                .contains("due Fri 4 Dec")
                .contains("why: decision words (+1.50); but for routine: request verb (+1.00), update words (+0.80)");
    }

    @Test
    void aSuspiciousMailIsMarkedInNoise() {
        MailItem phish = mail("p", 0, "Verify your account", "Verify your account now.");
        Classification c = new Classification(Triage.NOISE, Map.of(Triage.NOISE, 1.0),
                List.of(Triage.SUSPICIOUS + "it asks to 'verify your account'"), List.of());
        BriefingDocument doc = new BriefingDocument("t");

        new TriageSection(List.of(phish), ZONE, TODAY, m -> java.util.Optional.empty()).write(doc, Map.of("p", c));

        assertThat(doc.markdown()).contains("possible phishing, do not click or reply: Kim Ode: Verify your account");
    }
}
