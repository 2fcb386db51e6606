package dev.aios.samples.briefing;

import dev.aios.routing.Classification;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The briefing's first three sections: the mail that needs the user, the routine mail and the
 * noise, each message with the classifier's reasons and confidence so the user can correct it.
 */
final class TriageSection {
    private final List<MailItem> inbox;
    private final ZoneId zone;

    TriageSection(List<MailItem> inbox, ZoneId zone) {
        this.inbox = inbox;
        this.zone = zone;
    }

    /** Writes the three sections, in the order the user reads them. */
    void write(BriefingDocument doc, Map<String, Classification> labels) {
        doc.heading("Mail that needs you");
        section(doc, labels, Triage.NEEDS_YOU);
        doc.heading("Routine");
        section(doc, labels, Triage.ROUTINE);
        doc.heading("Noise");
        section(doc, labels, Triage.NOISE);
    }

    private void section(BriefingDocument doc, Map<String, Classification> labels, String label) {
        int shown = 0;
        for (MailItem m : inbox) {
            Classification c = labels.get(m.messageId());
            if (label.equals(c.label())) {
                doc.item(m.fromName() + ": " + m.subject() + " (" + m.at().atZone(zone).format(BriefingAgent.DAY) + ")",
                        "why: " + String.join("; ", c.reasons()) + String.format(Locale.ROOT, "; confidence %.0f%%",
                                100 * c.confidence()) + "; id " + m.messageId());
                shown++;
            }
        }
        if (shown == 0) {
            doc.paragraph("Nothing.");
        }
    }
}
