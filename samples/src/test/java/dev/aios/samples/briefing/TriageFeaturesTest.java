package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cues triage reads from a mail, each on the mail shape it is for and not on its look-alikes. */
class TriageFeaturesTest {
    private static final BriefingUser USER = BriefingUser.of("Noor Haddad", "noor@harbourvets.co.uk");

    @TempDir
    static Path dir;

    static Triage triage;

    @BeforeAll
    static void triage() {
        triage = new Triage(dir.resolve("triage.bin"), USER, Set.of("priya@harbourvets.co.uk"), List.of(),
                new Suspicion(Map.of(), Set.of("harbourvets.co.uk"), Set.of("harbourvets.co.uk"), Map.of()), ZoneOffset.UTC);
    }

    private static Map<String, Double> features(String from, String subject, String body) {
        return triage.features(new MailItem("mail:x", "x@test", "Sender", from, USER.addresses().get(0), "", subject, body,
                Instant.parse("2026-03-04T09:00:00Z"), "x", "", "inbox", RawMail.NONE));
    }

    @Test
    void aSystemThatNamesTheUsersRoleInItAsksThemPersonally() {
        assertThat(features("alerts@coldtrack.example", "ESCALATION level 2: freezer alarm not acknowledged",
                "Level 1 did not acknowledge within 30 minutes. You are the level 2 contact for this sensor."))
                .containsKey("asks you personally");
        assertThat(features("notifications@rooms.example", "Please confirm your booking: room 4",
                "Your provisional booking needs confirmation before 12:00 tomorrow.")).containsKey("asks you personally");
        assertThat(features("news@rooms.example", "New rooms in our app", "Book a room in two clicks."))
                .doesNotContainKey("asks you personally");
    }

    @Test
    void whereTheUsersOwnRequestStandsIsAStatusNotAnAsk() {
        assertThat(features("servicedesk@harbourvets.co.uk", "Call I-0488 registered",
                "Your call has been registered with number I-0488. Target date: Friday.")).containsKey("status of your request");
        assertThat(features("waste@harbourvets.co.uk", "Pickup CW-0188 planned",
                "Your request CW-0188 is complete and planned for collection.")).containsKey("status of your request");
        assertThat(features("servicedesk@harbourvets.co.uk", "Call I-0488: approval needed",
                "As the asset owner you need to approve this change.")).doesNotContainKey("status of your request");
    }

    @Test
    void askingWhetherSomethingIsAllowedAsksPermission() {
        assertThat(features("daan@other.example", "ITC next week?",
                "Is it possible that my student uses your ITC for 3 days next week?")).containsKey("asks permission");
        assertThat(features("priya@harbourvets.co.uk", "Slides", "Could you send me the slides?"))
                .doesNotContainKey("asks permission");
    }

    @Test
    void aFewWordsOfThanksThatAskNothingAreShortThanks() {
        assertThat(features("priya@harbourvets.co.uk", "Re: access", "Works, thanks!")).containsKey("short thanks");
        assertThat(features("priya@harbourvets.co.uk", "Re: access", "Thanks! Could you also add Ben?"))
                .doesNotContainKey("short thanks");
        assertThat(features("priya@harbourvets.co.uk", "Rooms", "L2.12 is closed this morning. Nothing needs to be done."))
                .containsKey("update words");
    }
}
