package dev.aios.samples.briefing;

import dev.aios.api.MemoryRecord;
import dev.aios.api.text.Words;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The briefing's meetings section: today's meetings from the calendar in memory, each with its
 * attendees (never the user, under any of their addresses or their name), the threads that concern
 * it and still wait on the user, and the notes of the last meetings with its attendees.
 *
 * <p>A thread waits on the user when its last message is someone else's and asks something of
 * the user (needs-you, or a routine request); a thread the user answered last is not open, and
 * noise never is. It concerns a meeting when one of its senders is an attendee, when its subject
 * shares a distinctive word with the meeting's title (or two with its description), or when it
 * comes from a helpdesk-style address ({@code support@}, {@code helpdesk@}) of an attendee's
 * organisation. A brief lists at most {@value #MAX_OPEN} threads, the most recent first.
 */
final class MeetingsSection {
    /** Most open threads a meeting brief lists. */
    static final int MAX_OPEN = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    /** Words too common in meeting titles and subjects to tie a thread to a meeting. */
    private static final Set<String> GENERIC = Set.of("the", "and", "for", "with", "from", "about", "our", "your", "you",
            "this", "that", "next", "call", "meeting", "review", "sync", "weekly", "daily", "standup", "notes", "update",
            "updates", "catch", "chat", "discussion", "session", "agenda", "follow", "fwd", "question", "quick", "today",
            "tomorrow", "team", "monthly", "invitation", "accepted", "declined", "re", "fw", "new", "please", "thanks",
            "needed", "answer", "week");
    /** A role address that writes for an organisation rather than a person. */
    private static final Pattern HELPDESK = Pattern.compile(
            "^(support|helpdesk|help|service|servicedesk|service-desk|desk|care|customercare|customer-care"
                    + "|customerservice|customer-service|escalations?|tickets?|incidents?)([-._+].*)?$");

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
     * Writes the section: for each meeting today, its attendees, the threads waiting on the user
     * that concern it and the notes of the last two meetings with its attendees.
     *
     * @param labels each inbox message's triage label, by Message-ID
     * @param events the calendar as the awareness daemon stored it
     */
    List<BriefingReport.Meeting> write(BriefingDocument doc, Map<String, String> labels, List<MemoryRecord> events) {
        List<MemoryRecord> todays = events.stream()
                .filter(e -> e.at().atZone(zone).toLocalDate().equals(today))
                .sorted(Comparator.comparing(MemoryRecord::at)).toList();
        List<MailItem> waiting = waitingOnTheUser(labels);
        doc.heading("Today's meetings");
        List<BriefingReport.Meeting> out = new ArrayList<>();
        for (MemoryRecord e : todays) {
            String title = e.metadata().getOrDefault("summary", "(no title)");
            List<String> attendees = attendees(e.metadata().getOrDefault("attendees", ""));
            Set<String> addresses = attendees.stream().map(BriefingUser::bare).collect(Collectors.toSet());
            String description = description(e);
            List<String> open = waiting.stream()
                    .filter(last -> concerns(last, addresses, title, description))
                    .limit(MAX_OPEN)
                    .map(m -> m.subject() + " (" + (m.fromName().isBlank() ? m.fromAddress() : m.fromName()) + ", "
                            + m.at().atZone(zone).format(BriefingAgent.DAY) + ", " + labels.get(m.messageId()) + ")")
                    .toList();
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
            doc.item("Attendees: " + (attendees.isEmpty() ? "only you" : String.join(", ", attendees)));
            if (open.isEmpty()) {
                doc.item("Open threads waiting on you: none");
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

    /**
     * The last message of each thread that waits on the user, most recent first: someone else's,
     * asking something of the user, not noise.
     */
    List<MailItem> waitingOnTheUser(Map<String, String> labels) {
        MailThreads threads = MailThreads.of(inbox, sent);
        List<MailItem> out = new ArrayList<>();
        for (List<MailItem> thread : threads.all()) {
            MailItem last = thread.get(thread.size() - 1);
            String label = labels.get(last.messageId());
            if (user.isUser(last.fromAddress()) || label == null || Triage.NOISE.equals(label)) {
                continue; // the user answered last, or it is not an inbox message, or it is noise
            }
            boolean asks = Triage.NEEDS_YOU.equals(label)
                    || Triage.ROUTINE.equals(label) && Triage.REQUEST.matcher(last.body()).find();
            if (asks) {
                out.add(last);
            }
        }
        out.sort(Comparator.comparing(MailItem::at).reversed());
        return out;
    }

    /** Whether the thread ending with {@code last} concerns the meeting: by sender, by words, or by organisation. */
    private boolean concerns(MailItem last, Set<String> attendees, String title, String description) {
        String from = BriefingUser.bare(last.fromAddress());
        if (attendees.contains(from)) {
            return true;
        }
        Set<String> subject = keywords(last.subject());
        Set<String> inTitle = keywords(title);
        inTitle.retainAll(subject);
        if (!inTitle.isEmpty()) {
            return true;
        }
        Set<String> inDescription = keywords(description);
        inDescription.retainAll(subject);
        if (inDescription.size() >= 2) {
            return true;
        }
        // A helpdesk writes for the attendee's organisation: the customer's escalation belongs to the customer's call.
        int at = from.lastIndexOf('@');
        if (at < 0 || !HELPDESK.matcher(from.substring(0, at)).matches()) {
            return false;
        }
        String organisation = MailAddress.organisation(from.substring(at + 1));
        boolean ours = user.domains().stream().anyMatch(d -> MailAddress.organisation(d).equals(organisation));
        return !ours && attendees.stream().anyMatch(a -> a.contains("@")
                && MailAddress.organisation(MailAddress.domain(a)).equals(organisation));
    }

    /**
     * The attendees as the calendar lists them, less the user: the list is split at the commas
     * between people, not inside a name ({@code Berg, Ola <ola@fjordfreight.no>}), and anyone with
     * one of the user's addresses or the user's name is left out.
     */
    List<String> attendees(String listed) {
        List<String> people = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : listed.split(",")) {
            if (!current.isEmpty()) {
                current.append(',');
            }
            current.append(piece);
            if (piece.contains("@")) {
                people.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            people.add(current.toString().strip());
        }
        String userName = user.name().toLowerCase(Locale.ROOT);
        return people.stream().filter(a -> !a.isBlank() && !user.isUser(a))
                .filter(a -> !name(a).equals(userName) && !name(a).equals(reversed(userName)))
                .toList();
    }

    private static String name(String attendee) {
        return MailAddress.displayName(attendee).toLowerCase(Locale.ROOT);
    }

    /** "Ola Berg" as a directory writes it: "berg, ola". */
    private static String reversed(String name) {
        int space = name.lastIndexOf(' ');
        return space < 0 ? name : name.substring(space + 1) + ", " + name.substring(0, space);
    }

    private static Set<String> keywords(String text) {
        Set<String> words = Words.distinct(text.replaceFirst("(?i)^((re|fwd?|aw):\\s*)+", ""), 3);
        words.removeAll(GENERIC);
        return words;
    }

    private static String description(MemoryRecord event) {
        int blank = event.text().indexOf("\n\n");
        return blank < 0 ? "" : event.text().substring(blank + 2).strip().replaceAll("\\s+", " ");
    }
}
