package dev.aios.samples.briefing;

import dev.aios.routing.Classification;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The briefing's first three sections: the mail that needs the user, the routine mail and the
 * noise, each message with the evidence on both sides and the confidence so the user can correct
 * it. "Needs you" is ordered by urgency (the stated deadline soonest first, then the newest of
 * those with none) and says by when; a suspicious mail is marked as such in "Noise".
 */
final class TriageSection {
    private final List<MailItem> inbox;
    private final ZoneId zone;
    private final LocalDate today;
    private final Function<MailItem, Optional<Deadline>> deadlines;

    /**
     * @param inbox the inbox, newest first
     * @param deadlines the deadline each mail states
     */
    TriageSection(List<MailItem> inbox, ZoneId zone, LocalDate today, Function<MailItem, Optional<Deadline>> deadlines) {
        this.inbox = inbox;
        this.zone = zone;
        this.today = today;
        this.deadlines = deadlines;
    }

    /** Writes the three sections, in the order the user reads them. */
    void write(BriefingDocument doc, Map<String, Classification> labels) {
        doc.heading("Mail that needs you");
        section(doc, labels, Triage.NEEDS_YOU, byUrgency(labels));
        doc.heading("Routine");
        section(doc, labels, Triage.ROUTINE, inbox);
        doc.heading("Noise");
        section(doc, labels, Triage.NOISE, inbox);
    }

    /**
     * @return the inbox messages labelled needs-you, most urgent first: those with a deadline by
     *     deadline, then the rest newest first
     */
    List<MailItem> byUrgency(Map<String, Classification> labels) {
        List<MailItem> due = new ArrayList<>();
        List<MailItem> undated = new ArrayList<>();
        for (MailItem m : inbox) {
            Classification c = labels.get(m.messageId());
            if (c != null && Triage.NEEDS_YOU.equals(c.label())) {
                (deadlines.apply(m).isPresent() ? due : undated).add(m);
            }
        }
        due.sort(Comparator.comparing(m -> deadlines.apply(m).orElseThrow().due()));
        List<MailItem> out = new ArrayList<>(due);
        out.addAll(undated);
        return out;
    }

    private void section(BriefingDocument doc, Map<String, Classification> labels, String label, List<MailItem> order) {
        int shown = 0;
        for (MailItem m : order) {
            Classification c = labels.get(m.messageId());
            if (c == null || !label.equals(c.label())) {
                continue;
            }
            String title = m.fromName() + ": " + m.subject() + " (" + m.at().atZone(zone).format(BriefingAgent.DAY) + ")";
            if (label.equals(Triage.NEEDS_YOU)) {
                Optional<Deadline> d = deadlines.apply(m);
                if (d.isPresent()) {
                    title = "due " + d.get().describe(today) + " (\"" + d.get().phrase() + "\"): " + title;
                }
            }
            boolean suspicious = c.reasons().stream().anyMatch(r -> r.startsWith(Triage.SUSPICIOUS));
            if (suspicious) {
                title = "possible phishing, do not click or reply: " + title;
            }
            String why = "why: " + String.join("; ", c.reasons());
            if (!c.against().isEmpty()) {
                // "for routine: a", "for routine: b" read as "but for routine: a, b".
                String first = c.against().get(0);
                String prefix = first.substring(0, first.indexOf(": ") + 2);
                why += "; but " + prefix + String.join(", ", c.against().stream()
                        .map(a -> a.startsWith(prefix) ? a.substring(prefix.length()) : a).toList());
            }
            doc.item(title, why + String.format(Locale.ROOT, "; confidence %.0f%%", 100 * c.confidence()) + "; id "
                    + m.messageId());
            shown++;
        }
        if (shown == 0) {
            doc.paragraph("Nothing.");
        }
    }
}
