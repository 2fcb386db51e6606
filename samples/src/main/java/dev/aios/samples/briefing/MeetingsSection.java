package dev.aios.samples.briefing;

import dev.aios.api.MemoryRecord;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The briefing's meetings section: today's meetings from the calendar in memory, each with the
 * threads its attendees left open with the user and the notes of the last meetings with them.
 */
final class MeetingsSection {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final LocalDate today;
    private final BriefingUser user;
    private final List<MailItem> inbox;
    private final List<MailItem> sent;
    private final ZoneId zone;
    private final PrintStream log;

    MeetingsSection(LocalDate today, BriefingUser user, List<MailItem> inbox, List<MailItem> sent, ZoneId zone,
            PrintStream log) {
        this.today = today;
        this.user = user;
        this.inbox = inbox;
        this.sent = sent;
        this.zone = zone;
        this.log = log;
    }

    /**
     * Writes the section: for each meeting today, its attendees, their open threads and the notes
     * of the last two meetings with them.
     *
     * @param labels each inbox message's triage label, by Message-ID
     * @param events the calendar as the awareness daemon stored it
     */
    List<BriefingReport.Meeting> write(BriefingDocument doc, Map<String, String> labels, List<MemoryRecord> events) {
        List<MemoryRecord> todays = events.stream()
                .filter(e -> e.at().atZone(zone).toLocalDate().equals(today))
                .sorted(Comparator.comparing(MemoryRecord::at)).toList();
        Set<String> answered = sent.stream().map(MailItem::inReplyTo).collect(Collectors.toSet());
        doc.heading("Today's meetings");
        List<BriefingReport.Meeting> out = new ArrayList<>();
        for (MemoryRecord e : todays) {
            String title = e.metadata().getOrDefault("summary", "(no title)");
            List<String> attendees = List.of(e.metadata().getOrDefault("attendees", "").split(",\\s*")).stream()
                    .filter(a -> !a.isBlank() && !user.isUser(a)).toList();
            Set<String> addresses = attendees.stream().map(MeetingsSection::address).collect(Collectors.toSet());
            List<String> open = new ArrayList<>();
            for (MailItem m : inbox) {
                String label = labels.get(m.messageId());
                boolean replied = answered.contains(m.messageId()) || sent.stream()
                        .anyMatch(s -> s.thread().equals(m.thread()) && s.at().isAfter(m.at()));
                // Open: theirs, not answered, and asking something of the user (not an update or noise).
                boolean asks = Triage.NEEDS_YOU.equals(label)
                        || Triage.ROUTINE.equals(label) && Triage.REQUEST.matcher(m.body()).find();
                if (addresses.contains(m.fromAddress().toLowerCase(Locale.ROOT)) && !replied && asks) {
                    open.add(m.subject() + " (" + m.fromName() + ", " + m.at().atZone(zone).format(BriefingAgent.DAY) + ", " + label + ")");
                }
            }
            List<String> notes = events.stream()
                    .filter(p -> p.at().isBefore(today.atStartOfDay(zone).toInstant()))
                    .filter(p -> addresses.stream().anyMatch(a -> p.metadata().getOrDefault("attendees", "")
                            .toLowerCase(Locale.ROOT).contains(a)))
                    .sorted(Comparator.comparing(MemoryRecord::at).reversed())
                    .limit(2)
                    .map(p -> p.metadata().getOrDefault("summary", "") + ", " + p.at().atZone(zone).format(BriefingAgent.DAY) + ": "
                            + description(p))
                    .toList();
            BriefingReport.Meeting meeting = new BriefingReport.Meeting(title, attendees, open, notes);
            out.add(meeting);
            doc.subheading(e.at().atZone(zone).format(TIME) + " " + title);
            doc.item("Attendees: " + String.join(", ", attendees));
            if (open.isEmpty()) {
                doc.item("Open threads with them: none");
            }
            open.forEach(o -> doc.item("Open thread: " + o));
            if (notes.isEmpty()) {
                doc.item("Last notes: none");
            }
            notes.forEach(n -> doc.item("Last notes, " + n));
        }
        if (todays.isEmpty()) {
            doc.paragraph("No meetings today.");
        }
        log.printf("[meet]    %d meeting(s) today%n", todays.size());
        return out;
    }


    private static String description(MemoryRecord event) {
        int blank = event.text().indexOf("\n\n");
        return blank < 0 ? "" : event.text().substring(blank + 2).strip().replaceAll("\\s+", " ");
    }

    private static String address(String attendee) {
        int lt = attendee.indexOf('<');
        return (lt >= 0 ? attendee.substring(lt + 1, attendee.indexOf('>', lt)) : attendee).strip().toLowerCase(Locale.ROOT);
    }
}
