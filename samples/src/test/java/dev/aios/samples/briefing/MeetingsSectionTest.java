package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A meeting brief on a mailbox shaped like the reviewer's (issue 15): the user under two addresses
 * and a "Last, First" name, her own replies in the threads, a customer's helpdesk escalating.
 */
class MeetingsSectionTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final BriefingUser OLA = BriefingUser.of("Ola Berg", "ola.berg@fjordfreight.no", "ola@fjordfreight.no");

    private final List<MailItem> inbox = new ArrayList<>();
    private final List<MailItem> sent = new ArrayList<>();
    private final Map<String, String> labels = new HashMap<>();

    private static Instant at(int daysAgo, int hour) {
        return TODAY.minusDays(daysAgo).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private MailItem receive(String id, String from, String subject, String body, Instant at, String label, String inReplyTo) {
        String name = from.substring(0, from.indexOf('<')).strip();
        String address = from.substring(from.indexOf('<') + 1, from.indexOf('>'));
        MailItem m = new MailItem(id, id, name, address, "Ola Berg <ola.berg@fjordfreight.no>", "", subject, body, at,
                inReplyTo.isEmpty() ? id : inReplyTo, inReplyTo, "inbox", RawMail.NONE);
        inbox.add(m);
        labels.put(id, label);
        return m;
    }

    private void reply(String id, String to, MailItem request, Instant at, String from) {
        sent.add(new MailItem(id, id, "Ola Berg", from, to, "", "Re: " + request.subject(), "Done.\n\nOla", at,
                request.thread(), request.messageId(), "sent", RawMail.NONE));
    }

    private static MemoryRecord meeting(String title, String description, String attendees) {
        Instant start = TODAY.atTime(14, 0).toInstant(ZoneOffset.UTC);
        return new MemoryRecord("calendar:" + title, MemoryLayer.EPISODIC, title + "\nWhen: " + start + "\n\n" + description,
                start, 0.5, Map.of("summary", title, "attendees", attendees));
    }

    private List<BriefingReport.Meeting> brief(MemoryRecord... events) {
        return new MeetingsSection(TODAY, OLA, inbox, sent, ZoneOffset.UTC,
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                .write(new BriefingDocument("test"), labels, List.of(events));
    }

    @Test
    void theUserIsNoAttendeeUnderAnyAddressOrHerDirectoryName() {
        MemoryRecord call = meeting("Nordhavn escalation", "Delayed containers.",
                "Berg, Ola <ola@fjordfreight.no>, Ola Berg <OLA.BERG@fjordfreight.no>, Per Nilsen <per@nordhavn.no>, "
                        + "\"Berg, Ola\" <someone-else@fjordfreight.no>, Lund, Kari <kari@nordhavn.no>");

        assertThat(brief(call).get(0).attendees())
                .containsExactly("Per Nilsen <per@nordhavn.no>", "Lund, Kari <kari@nordhavn.no>");
    }

    @Test
    void onlyThreadsWaitingOnTheUserAndConcerningTheMeetingAreOpen() {
        String attendees = "Ola Berg <ola.berg@fjordfreight.no>, Per Nilsen <per@nordhavn.no>";
        // Answered by her (from the alias): the last word is hers, so it is not open.
        MailItem answered = receive("a1", "Per Nilsen <per@nordhavn.no>", "Customs papers", "Can you check the papers?",
                at(3, 9), Triage.NEEDS_YOU, "");
        reply("s1", "Per Nilsen <per@nordhavn.no>", answered, at(3, 11), "ola@fjordfreight.no");
        // Answered, then Per asked again: open.
        MailItem asked = receive("b1", "Per Nilsen <per@nordhavn.no>", "Pallet count", "Please confirm the count.",
                at(4, 9), Triage.NEEDS_YOU, "");
        reply("s2", "Per Nilsen <per@nordhavn.no>", asked, at(4, 10), "ola.berg@fjordfreight.no");
        receive("b2", "Per Nilsen <per@nordhavn.no>", "Re: Pallet count", "Which count do we use, 40 or 42?", at(2, 9),
                Triage.NEEDS_YOU, "b1");
        // The customer's helpdesk, not an attendee, escalating: open, matched by organisation.
        receive("c1", "Nordhavn Support <support@help.nordhavn.no>", "Ticket 5521: containers held at customs",
                "Escalated: please advise today.", at(0, 7), Triage.NEEDS_YOU, "");
        // Someone else writing about the meeting's subject: open, matched by the title's words.
        receive("d1", "Tom Ek <tom@portlogistics.se>", "Stuck shipments in Oslo", "Can we discuss the containers?", at(1, 8),
                Triage.NEEDS_YOU, "");
        // Noise from the customer's domain, an update with no question, and an unrelated thread: never.
        receive("e1", "Nordhavn <news@nordhavn.no>", "Spring offer: stuck shipments insured", "20% off", at(0, 6),
                Triage.NOISE, "");
        receive("f1", "Per Nilsen <per@nordhavn.no>", "FYI: truck left", "The truck left at 8.", at(1, 9), Triage.ROUTINE, "");
        receive("g1", "Eva Novak <eva@fjordfreight.no>", "Team lunch", "Can you pick a place?", at(0, 5), Triage.NEEDS_YOU, "");
        // Her own domain's helpdesk is no customer's.
        receive("h1", "Helpdesk <helpdesk@fjordfreight.no>", "Escalated to you: ticket 9", "Please look.", at(0, 4),
                Triage.NEEDS_YOU, "");

        BriefingReport.Meeting m = brief(meeting("Nordhavn: stuck shipments", "Customer escalation about the containers.",
                attendees)).get(0);

        assertThat(m.attendees()).containsExactly("Per Nilsen <per@nordhavn.no>");
        assertThat(m.openThreads()).hasSize(3);
        assertThat(m.openThreads().get(0)).startsWith("Ticket 5521: containers held at customs (Nordhavn Support, ");
        assertThat(m.openThreads().get(1)).startsWith("Stuck shipments in Oslo (Tom Ek, ");
        assertThat(m.openThreads().get(2)).startsWith("Re: Pallet count (Per Nilsen, ").endsWith("needs-you)");
    }

    @Test
    void aBriefListsAtMostFiveThreadsMostRecentFirst() {
        for (int i = 1; i <= 8; i++) {
            receive("p" + i, "Per Nilsen <per@nordhavn.no>", "Question " + i, "Can you decide on " + i + "?", at(i, 9),
                    Triage.NEEDS_YOU, "");
        }
        BriefingReport.Meeting m = brief(meeting("Weekly with Per", "", "Per Nilsen <per@nordhavn.no>")).get(0);

        assertThat(m.openThreads()).hasSize(MeetingsSection.MAX_OPEN);
        assertThat(m.openThreads()).extracting(t -> t.substring(0, t.indexOf(" (")))
                .containsExactly("Question 1", "Question 2", "Question 3", "Question 4", "Question 5");
    }

    @Test
    void anOrganisationIsTheDomainWithoutItsSubdomains() {
        assertThat(MailAddress.organisation("help.nordhavn.no")).isEqualTo("nordhavn.no");
        assertThat(MailAddress.organisation("support.acme.co.uk")).isEqualTo("acme.co.uk");
        assertThat(MailAddress.organisation("lumen.dev")).isEqualTo("lumen.dev");
    }
}
