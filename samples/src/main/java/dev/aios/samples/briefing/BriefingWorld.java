package dev.aios.samples.briefing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aios.api.AiOsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The morning briefing's sample world, written by the project itself so the main job needs no
 * data from outside: two weeks of the user's mail (a Maildir inbox of about 60 messages and a
 * {@code .Sent} folder of the user's own replies), a calendar with two meetings today and the
 * past meetings with the same people, a Slack export with a thread about a bug, and a tracker.
 * Dated relative to {@code today}; every other choice comes from a fixed seed, so the same day
 * gives the same bytes.
 *
 * <p>Layout under the root: {@code mail/} (Maildir: {@code cur/}, {@code .Sent/cur/}),
 * {@code calendar/work.ics}, {@code chat/} (Slack export), {@code tracker.json},
 * {@code truth/labels.json} (the hidden true triage label of every inbox message, by
 * Message-ID: read by the measurements only, never by the agent), {@code state/} (what the
 * agent keeps between runs) and {@code out/} (the briefing, drafts).
 */
public final class BriefingWorld {
    /** The user whose world this is. */
    public static final String USER_NAME = "Sam Lee";
    /** The user's address. */
    public static final String USER_ADDRESS = "sam@lumen.dev";

    private static final long SEED = 20_260_701L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final LocalDate today;

    private BriefingWorld(Path root, LocalDate today) {
        this.root = root;
        this.today = today;
    }

    /** Writes the world for today under {@code root}, unless one is already there; see {@link #writeTo(Path, LocalDate)}. */
    public static BriefingWorld writeTo(Path root) {
        return writeTo(root, LocalDate.now());
    }

    /**
     * Writes the world dated relative to {@code today} under {@code root} (created), unless the
     * root already holds one ({@code truth/labels.json} exists): then it is opened as it is, so a
     * second run sees what the first left (the tracker, the state).
     *
     * @throws AiOsException if it cannot be written
     */
    public static BriefingWorld writeTo(Path root, LocalDate today) {
        Path absolute = root.toAbsolutePath().normalize();
        BriefingWorld world = new BriefingWorld(absolute, today);
        if (Files.exists(world.labelsFile())) {
            return world;
        }
        try {
            new Writer(world).write();
        } catch (IOException e) {
            throw AiOsException.permanent("cannot write the briefing world under " + absolute + ": " + e.getMessage()
                    + "; check that the folder is writable", e);
        }
        return world;
    }

    /** @return the world's folder */
    public Path root() {
        return root;
    }

    /** @return the day the world was written for */
    public LocalDate today() {
        return today;
    }

    /** @return the Maildir root: the inbox in {@code cur/}, the user's sent mail in {@code .Sent/} */
    public Path mail() {
        return root.resolve("mail");
    }

    /** @return the folder of ICS calendars */
    public Path calendar() {
        return root.resolve("calendar");
    }

    /** @return the Slack export */
    public Path chat() {
        return root.resolve("chat");
    }

    /** @return the tracker's file */
    public Path tracker() {
        return root.resolve("tracker.json");
    }

    /** @return where the agent keeps what it learned between runs */
    public Path state() {
        return root.resolve("state");
    }

    /** @return where the briefing and drafts are written */
    public Path out() {
        return root.resolve("out");
    }

    /** @return the hidden true labels; only measurements read it */
    public Path labelsFile() {
        return root.resolve("truth").resolve("labels.json");
    }

    /**
     * @return the hidden true label of each inbox message by Message-ID (for measurements only)
     */
    public Map<String, String> trueLabels() {
        try {
            Map<String, String> out = new TreeMap<>();
            JSON.readTree(labelsFile().toFile()).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the true labels " + labelsFile(), e);
        }
    }

    /** One inbox message as the world writes it. */
    private record Mail(String id, int daysAgo, int hour, String fromName, String fromAddress, String subject,
            String body, String label, boolean unsubscribe, String inReplyTo) {}

    /** Writes the files; one instance per world, since the random draws must come in one order. */
    private static final class Writer {
        private final BriefingWorld world;
        private final Random random = new Random(SEED);
        private final ZoneId zone = ZoneId.systemDefault();
        private final List<Mail> inbox = new ArrayList<>();
        private int sentCount;

        Writer(BriefingWorld world) {
            this.world = world;
        }

        void write() throws IOException {
            Files.createDirectories(world.mail().resolve("cur"));
            Files.createDirectories(world.mail().resolve("new"));
            Files.createDirectories(world.mail().resolve("tmp"));
            Files.createDirectories(world.mail().resolve(".Sent").resolve("cur"));
            Files.createDirectories(world.state());
            Files.createDirectories(world.out());
            needsYou();
            routineRequests();
            updates();
            noise();
            Map<String, String> labels = new TreeMap<>();
            int n = 0;
            for (Mail m : inbox) {
                n++;
                String name = "%d.M%03dP1.briefing:2,S".formatted(at(m.daysAgo(), m.hour(), n % 60).toEpochSecond(), n);
                Files.writeString(world.mail().resolve("cur").resolve(name), rfc822(m), StandardCharsets.UTF_8);
                labels.put(m.id(), m.label());
            }
            Files.createDirectories(world.labelsFile().getParent());
            Files.writeString(world.labelsFile(), JSON.writeValueAsString(labels));
            calendar();
            chat();
            tracker();
        }

        // ---------------------------------------------------------------- mail

        private String mail(int daysAgo, String fromName, String fromAddress, String subject, String body, String label) {
            return mail(daysAgo, fromName, fromAddress, subject, body, label, false, "");
        }

        private String mail(int daysAgo, String fromName, String fromAddress, String subject, String body, String label,
                boolean unsubscribe, String inReplyTo) {
            String id = "m%02d.%s@%s".formatted(inbox.size() + 1, slug(subject), fromAddress.substring(fromAddress.indexOf('@') + 1));
            int hour = daysAgo == 0 ? 6 + random.nextInt(2) : 7 + random.nextInt(11);
            inbox.add(new Mail(id, daysAgo, hour, fromName, fromAddress, subject, body, label, unsubscribe, inReplyTo));
            return id;
        }

        /** A reply the user sent, quoting the request it answers, in the user's voice. */
        private void sent(int daysAgo, String toName, String toAddress, String subject, String inReplyTo, String quoted,
                String reply) throws IOException {
            sentCount++;
            ZonedDateTime when = at(daysAgo, 17, 10 + sentCount);
            String text = """
                    Message-ID: <s%02d.reply@lumen.dev>
                    In-Reply-To: <%s>
                    References: <%s>
                    Date: %s
                    From: %s <%s>
                    To: %s <%s>
                    Subject: Re: %s
                    MIME-Version: 1.0
                    Content-Type: text/plain; charset=UTF-8

                    %s

                    On %s, %s wrote:
                    > %s
                    """.formatted(sentCount, inReplyTo, inReplyTo, rfcDate(when), USER_NAME, USER_ADDRESS, toName,
                    toAddress, subject, reply.strip(), when.minusHours(3).format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT)),
                    toName, quoted);
            String name = "%d.S%03dP1.briefing:2,S".formatted(when.toEpochSecond(), sentCount);
            Files.writeString(world.mail().resolve(".Sent").resolve("cur").resolve(name), text, StandardCharsets.UTF_8);
        }

        private String rfc822(Mail m) {
            StringBuilder s = new StringBuilder();
            s.append("Message-ID: <").append(m.id()).append(">\n");
            if (!m.inReplyTo().isEmpty()) {
                s.append("In-Reply-To: <").append(m.inReplyTo()).append(">\n");
                s.append("References: <").append(m.inReplyTo()).append(">\n");
            }
            s.append("Date: ").append(rfcDate(at(m.daysAgo(), m.hour(), 5 + inbox.indexOf(m) % 50))).append('\n');
            s.append("From: ").append(m.fromName()).append(" <").append(m.fromAddress()).append(">\n");
            s.append("To: ").append(USER_NAME).append(" <").append(USER_ADDRESS).append(">\n");
            s.append("Subject: ").append(m.subject()).append('\n');
            if (m.unsubscribe()) {
                s.append("List-Unsubscribe: <https://").append(m.fromAddress().substring(m.fromAddress().indexOf('@') + 1))
                        .append("/unsubscribe?u=8812>\n");
                s.append("Precedence: bulk\n");
            }
            s.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n");
            s.append(m.body().strip()).append('\n');
            return s.toString();
        }

        private void needsYou() throws IOException {
            String plan = mail(9, "Ana Ruiz", "ana@lumen.dev", "Atlas 2.4 release plan", """
                    Hi Sam,

                    here is the draft release plan for Atlas 2.4: feature freeze on the 20th, QA for a week, then the
                    store submission. Anything you want to add or change before I share it with the team?

                    Ana""", "needs-you");
            sent(8, "Ana Ruiz", "ana@lumen.dev", "Atlas 2.4 release plan", plan,
                    "Anything you want to add or change before I share it with the team?", """
                    Hi Ana,

                    looks good to me. Please add a line about the offline sync risk and share it.

                    Thanks,
                    Sam""");
            mail(7, "Ana Ruiz", "ana@lumen.dev", "Re: Atlas 2.4 release plan", """
                    Thanks Sam, shared. One more thing: do we keep the old sync API alive for a month after 2.4, or
                    remove it with the release? Your call, I need to tell the partners.

                    Ana""", "needs-you", false, plan);
            mail(1, "Ana Ruiz", "ana@lumen.dev", "Atlas 2.4: go/no-go for Thursday?", """
                    Hi Sam,

                    QA signed off on everything except offline sync, which still loses edits on a flaky network.
                    Do we ship 2.4 on Thursday as planned, or slip a week? I need your decision by Wednesday noon so
                    I can tell the store team.

                    Ana""", "needs-you");
            mail(2, "Carla Diaz", "carla@acme-supplies.com", "Contract renewal: your answer needed by Friday", """
                    Dear Sam,

                    your support contract with ACME Supplies ends this month. Please confirm whether you want the
                    12-month or the 24-month term; today's prices hold only until Friday.

                    Kind regards,
                    Carla Diaz
                    ACME Supplies""", "needs-you");
            mail(3, "Dev Patel", "dev@lumen.dev", "Offer for the backend candidate?", """
                    Sam,

                    the panel was split 3 to 1 on Priya. Should we make her an offer? She has another offer that
                    expires on Monday, so I would need your call by tomorrow.

                    Dev""", "needs-you");
            mail(4, "Ben Okafor", "ben@lumen.dev", "Approve two more CI runners?", """
                    Hi Sam,

                    the build farm is maxed out: the queue was 40 minutes yesterday. Two more runners cost 400 EUR a
                    month. Can you approve the spend so I can order them this week?

                    Ben""", "needs-you");
            mail(5, "Finn Berg", "finn@partner.io", "Pilot scope: option A or B?", """
                    Hi Sam,

                    thanks again for the call. For the pilot, which do you prefer: A (two teams, six weeks) or B (one
                    team, three months)? We need your decision before our board meets on Monday.

                    Best,
                    Finn""", "needs-you");
            mail(6, "Eva Novak", "eva@lumen.dev", "Offsite: please pick a date", """
                    Hi Sam,

                    the venue holds three dates for the team offsite: 12, 19 or 26 March. Which one works for you? I
                    have to confirm one by Thursday or we lose the booking.

                    Eva""", "needs-you");
            mail(0, "Ben Okafor", "ben@lumen.dev", "Urgent: production certificate expires tomorrow", """
                    Sam,

                    the TLS certificate of api.lumen.dev expires tomorrow at noon. Do we renew with the current
                    provider (same day) or switch to the new one (needs your sign-off on the contract)? I need an
                    answer this morning.

                    Ben""", "needs-you");
        }

        private void routineRequests() throws IOException {
            // Answered in the past: the user's replies in .Sent are the voice drafts are made from.
            String slides = mail(13, "Eva Novak", "eva@lumen.dev", "Slides from the all-hands", """
                    Hi Sam,

                    could you send me the slides from Monday's all-hands? I want to share them with the new joiners.

                    Thanks,
                    Eva""", "routine");
            sent(13, "Eva Novak", "eva@lumen.dev", "Slides from the all-hands", slides,
                    "could you send me the slides from Monday's all-hands?", """
                    Hi Eva,

                    sure, here are the slides from Monday's all-hands. Let me know if anything is missing.

                    Best,
                    Sam""");
            String access = mail(12, "Dev Patel", "dev@lumen.dev", "Staging access", """
                    Hi Sam,

                    can you share the access for the staging dashboard? Mine expired last week.

                    Dev""", "routine");
            sent(12, "Dev Patel", "dev@lumen.dev", "Staging access", access,
                    "can you share the access for the staging dashboard?", """
                    Hi Dev,

                    sure, I've shared the access for the staging dashboard with you. Shout if it does not work.

                    Best,
                    Sam""");
            mail(12, "Dev Patel", "dev@lumen.dev", "Re: Staging access", """
                    Works, thanks!

                    Dev""", "routine", false, access);
            String invoice = mail(11, "Carla Diaz", "carla@acme-supplies.com", "Invoice 4411 copy", """
                    Dear Sam,

                    could you forward me a copy of invoice 4411? Our accounting cannot find it.

                    Kind regards,
                    Carla""", "routine");
            sent(11, "Carla Diaz", "carla@acme-supplies.com", "Invoice 4411 copy", invoice,
                    "could you forward me a copy of invoice 4411?", """
                    Hi Carla,

                    of course, here is a copy of invoice 4411.

                    Best regards,
                    Sam""");
            mail(10, "Carla Diaz", "carla@acme-supplies.com", "Re: Invoice 4411 copy", """
                    Received, thank you!

                    Carla""", "routine", false, invoice);
            String notes = mail(10, "Ben Okafor", "ben@lumen.dev", "Notes from the sprint review", """
                    Hi Sam,

                    could you send me the notes from the sprint review? I missed the second half.

                    Ben""", "routine");
            sent(10, "Ben Okafor", "ben@lumen.dev", "Notes from the sprint review", notes,
                    "could you send me the notes from the sprint review?", """
                    Hi Ben,

                    sure, here are the notes from the sprint review. The action items are at the end.

                    Best,
                    Sam""");
            String nda = mail(9, "Finn Berg", "finn@partner.io", "Signed NDA", """
                    Hi Sam,

                    could you send us the signed NDA? Legal wants it on file before the pilot.

                    Best,
                    Finn""", "routine");
            sent(9, "Finn Berg", "finn@partner.io", "Signed NDA", nda, "could you send us the signed NDA?", """
                    Hi Finn,

                    sure, here is the signed NDA. Looking forward to the pilot.

                    Best,
                    Sam""");

            // Not answered yet: these get drafts.
            mail(0, "Ben Okafor", "ben@lumen.dev", "Slides from the architecture review", """
                    Hi Sam,

                    could you send me the slides from the architecture review? I'd like to reuse two diagrams.

                    Thanks!
                    Ben""", "routine");
            mail(1, "Eva Novak", "eva@lumen.dev", "Travel receipts for October", """
                    Hi Sam,

                    could you forward me the travel receipts for October? Finance needs them for the month-end close.

                    Eva""", "routine");
            mail(2, "Dev Patel", "dev@lumen.dev", "Analytics dashboard access", """
                    Hi Sam,

                    can you share the access for the analytics dashboard? I want to check last week's numbers.

                    Dev""", "routine");
            mail(3, "Carla Diaz", "carla@acme-supplies.com", "Purchase order 7781", """
                    Dear Sam,

                    could you send us a copy of purchase order 7781? We need it to ship the chairs.

                    Kind regards,
                    Carla""", "routine");
            mail(2, "Finn Berg", "finn@partner.io", "Notes from our call", """
                    Hi Sam,

                    could you send me the notes from our call on Tuesday? I want to brief my team.

                    Best,
                    Finn""", "routine");
            mail(1, "Ana Ruiz", "ana@lumen.dev", "Offline sync design doc", """
                    Hi Sam,

                    can you share the link to the offline sync design doc? The partners asked for it.

                    Ana""", "routine");
        }

        private void updates() {
            mail(12, "Dev Patel", "dev@lumen.dev", "FYI: 2.3.1 is on staging", """
                    FYI, 2.3.1 is deployed to staging. No action needed; I'll promote it on Thursday.

                    Dev""", "routine");
            mail(11, "Eva Novak", "eva@lumen.dev", "New expense policy", """
                    Hi all,

                    the new expense policy is on the wiki. The main change: receipts within 30 days.

                    Eva""", "routine");
            mail(8, "Eva Novak", "eva@lumen.dev", "Office closed on the 24th", """
                    Hi all,

                    a reminder that the office is closed on the 24th. Remote work as usual.

                    Eva""", "routine");
            mail(9, "Finn Berg", "finn@partner.io", "Great meeting you", """
                    Hi Sam,

                    great meeting you and the team yesterday. I'll follow up with the pilot options next week.

                    Best,
                    Finn""", "routine");
            mail(7, "Carla Diaz", "carla@acme-supplies.com", "Delivery scheduled for Tuesday", """
                    Dear Sam,

                    the replacement chairs are scheduled for delivery next Tuesday between 9 and 12.

                    Kind regards,
                    Carla""", "routine");
            mail(6, "Ben Okafor", "ben@lumen.dev", "Build times this week", """
                    Heads up: average build time went from 11 to 14 minutes this week, mostly the integration tests.
                    I'm looking into it.

                    Ben""", "routine");
            mail(4, "Ana Ruiz", "ana@lumen.dev", "Minutes: Atlas weekly", """
                    Minutes of the Atlas weekly: freeze holds; offline sync still flaky; Ben adds two CI runners if
                    approved. Next weekly as usual.

                    Ana""", "routine");
            mail(3, "Eva Novak", "eva@lumen.dev", "Team lunch on Friday", """
                    Team lunch on Friday at 12:30 at the usual place. Reply if you can't make it!

                    Eva""", "routine");
            mail(1, "Ben Okafor", "ben@lumen.dev", "Out on Monday", """
                    Heads up: I'm out on Monday, Dev covers the build.

                    Ben""", "routine");
            mail(5, "Dev Patel", "dev@lumen.dev", "Re: Offer for the backend candidate? (references)", """
                    Sharing the two references for Priya for context; both were positive.

                    Dev""", "routine");
        }

        private void noise() {
            String[][] letters = {
                    {"Java Weekly", "news@javaweekly.example", "Java Weekly #%d: virtual threads in production",
                        "This week: virtual threads in production, a Gradle deep dive and ten more links. Read online."},
                    {"The Cloud Brief", "digest@cloudbrief.example", "The Cloud Brief: issue %d",
                        "Top stories: GPU prices fall again, a new region in Madrid, and what egress really costs."},
                    {"Product Digest", "hello@productdigest.example", "Product Digest #%d: five tools we loved",
                        "Five tools we loved this week, plus our interview with a founder. Share with a friend."},
                    {"DevConf", "tickets@devconf.example", "DevConf: early-bird tickets end soon (ref %d)",
                        "Early-bird tickets end on Sunday. Use code EARLY for 30% off. See the speakers."}};
            int[][] days = {{13, 6}, {12, 9, 5, 2, 0}, {11, 4}, {8, 1}};
            for (int i = 0; i < letters.length; i++) {
                for (int day : days[i]) {
                    mail(day, letters[i][0], letters[i][1], letters[i][2].formatted(100 + random.nextInt(300)),
                            letters[i][3] + "\n\nUnsubscribe or manage your preferences at the link below.", "noise",
                            true, "");
                }
            }
            for (int day : new int[] {13, 7, 1}) {
                mail(day, "GitHub", "notifications@github.example", "[lumen/atlas-api] Run failed: CI - main (%s)"
                        .formatted(Integer.toHexString(0x1000 + random.nextInt(0xefff))), """
                        Run failed for main. 1 job failed: integration-tests.
                        View the workflow run for details.""", "noise");
            }
            mail(8, "Calendar", "calendar-noreply@lumen.dev", "Accepted: Atlas weekly", """
                    Ana Ruiz has accepted this invitation: Atlas weekly.""", "noise");
            mail(3, "Calendar", "calendar-noreply@lumen.dev", "Accepted: ACME contract call", """
                    Carla Diaz has accepted this invitation: ACME contract call.""", "noise");
            mail(6, "Expenses", "noreply@expenses.lumen.dev", "Expense report #311 approved", """
                    Your expense report #311 (84.20 EUR) was approved and will be paid with the next run.""", "noise");
            mail(5, "IT Monitoring", "alerts@lumen.dev", "Disk usage on build-02 at 81%", """
                    Warning: disk usage on build-02 is at 81%. This alert clears itself below 75%.""", "noise");
            mail(4, "Networking Hub", "updates@networkinghub.example", "You appeared in 9 searches this week", """
                    You appeared in 9 searches this week. See who is looking at your profile.""", "noise", true, "");
            mail(10, "ACME Supplies", "marketing@acme-supplies.com", "Spring offer: 20% off office chairs", """
                    Spring offer for our customers: 20% off all office chairs until the end of the month.""", "noise");
            // Automated, yet for the user: review requests (routine) and escalations (need the user).
            String[] prs = {"Fix date parsing in ReportExporter", "Bump the Gradle wrapper", "Cache report queries",
                "Retry uploads on timeout"};
            int[] prDays = {11, 6, 2, 0};
            for (int i = 0; i < prs.length; i++) {
                int pr = 200 + random.nextInt(100);
                mail(prDays[i], "GitHub", "notifications@github.example", "[lumen/atlas-api] Review requested: PR #%d %s"
                        .formatted(pr, prs[i]), """
                        %s requested your review on pull request #%d: %s.
                        View it on GitHub.""".formatted(i % 2 == 0 ? "Ben Okafor" : "Dev Patel", pr, prs[i]), "routine");
            }
            String[] tickets = {"Northwind cannot open their invoices", "Contoso's report export times out",
                "Fabrikam was charged twice"};
            int[] ticketDays = {8, 4, 1};
            for (int i = 0; i < tickets.length; i++) {
                int ticket = 8800 + random.nextInt(199);
                mail(ticketDays[i], "Helpdesk", "helpdesk-noreply@lumen.dev", "Escalated to you: ticket #%d".formatted(ticket),
                        """
                        Ticket #%d was escalated to you by the support team: %s.
                        The customer's SLA ends in 4 hours. Please respond or reassign.""".formatted(ticket, tickets[i]),
                        "needs-you");
            }
            mail(2, "Security", "security-noreply@lumen.dev", "New sign-in to your account", """
                    A new sign-in to your account from Firefox on Linux. If this was you, there is nothing to do.""",
                    "noise");
        }

        // ---------------------------------------------------------------- calendar, chat, tracker

        private void calendar() throws IOException {
            Files.createDirectories(world.calendar());
            StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AI-OS//briefing world//EN\r\n");
            event(ics, "atlas-review", 0, 10, 0, "Atlas 2.4 release review", "Room Orion",
                    "Go/no-go for the 2.4 release.", "Ana Ruiz", "ana@lumen.dev", "Ben Okafor", "ben@lumen.dev");
            event(ics, "acme-call", 0, 15, 0, "ACME contract call", "Video call",
                    "Renewal terms of the support contract.", "Carla Diaz", "carla@acme-supplies.com");
            event(ics, "atlas-weekly-1", 7, 9, 30, "Atlas weekly", "Room Orion",
                    "Notes: feature freeze agreed for the 20th. Ben to measure build times. Ana owns the release plan.",
                    "Ana Ruiz", "ana@lumen.dev", "Ben Okafor", "ben@lumen.dev");
            event(ics, "atlas-weekly-2", 3, 9, 30, "Atlas weekly", "Room Orion",
                    "Notes: offline sync still loses edits on flaky networks; decide on 2.4 date at the review."
                            + " CI runners pending approval.",
                    "Ana Ruiz", "ana@lumen.dev", "Ben Okafor", "ben@lumen.dev");
            event(ics, "acme-invoices", 10, 14, 0, "ACME invoice review", "Video call",
                    "Notes: invoice 4411 was missing on their side, sent a copy. Carla to send renewal options.",
                    "Carla Diaz", "carla@acme-supplies.com");
            ics.append("END:VCALENDAR\r\n");
            Files.writeString(world.calendar().resolve("work.ics"), ics.toString());
        }

        private void event(StringBuilder ics, String uid, int daysAgo, int hour, int minute, String summary,
                String location, String description, String... attendees) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
            LocalDateTime start = world.today().minusDays(daysAgo).atTime(hour, minute);
            ics.append("BEGIN:VEVENT\r\nUID:").append(uid).append("@lumen.dev\r\n")
                    .append("DTSTAMP:").append(world.today().minusDays(20).format(DateTimeFormatter.BASIC_ISO_DATE))
                    .append("T080000Z\r\n")
                    .append("DTSTART:").append(start.format(f)).append("\r\n")
                    .append("DTEND:").append(start.plusHours(1).format(f)).append("\r\n")
                    .append("SUMMARY:").append(summary).append("\r\n")
                    .append("LOCATION:").append(location).append("\r\n")
                    .append("DESCRIPTION:").append(description.replace(",", "\\,").replace(";", "\\;")).append("\r\n")
                    .append("ORGANIZER;CN=").append(USER_NAME).append(":mailto:").append(USER_ADDRESS).append("\r\n");
            for (int i = 0; i < attendees.length; i += 2) {
                ics.append("ATTENDEE;CN=").append(attendees[i]).append(";ROLE=REQ-PARTICIPANT:mailto:")
                        .append(attendees[i + 1]).append("\r\n");
            }
            ics.append("END:VEVENT\r\n");
        }

        private void chat() throws IOException {
            Path chat = world.chat();
            Files.createDirectories(chat.resolve("atlas-dev"));
            Files.createDirectories(chat.resolve("random"));
            Files.writeString(chat.resolve("users.json"), """
                    [{"id": "U01", "name": "sam", "real_name": "Sam Lee"},
                     {"id": "U02", "name": "ben", "real_name": "Ben Okafor"},
                     {"id": "U03", "name": "ana", "real_name": "Ana Ruiz"},
                     {"id": "U04", "name": "dev", "real_name": "Dev Patel"}]
                    """);
            Files.writeString(chat.resolve("channels.json"), """
                    [{"id": "C01", "name": "atlas-dev", "members": ["U01", "U02", "U03", "U04"]},
                     {"id": "C02", "name": "random", "members": ["U01", "U02", "U03", "U04"]}]
                    """);
            LocalDate day = world.today().minusDays(1);
            long base = day.atTime(11, 0).atZone(zone).toEpochSecond();
            String thread = base + ".000100";
            Files.writeString(chat.resolve("atlas-dev").resolve(day + ".json"), """
                    [
                     {"type": "message", "user": "U02", "text": "Heads up: the CSV export in the Atlas API crashes with a NullPointerException when a report has an empty date column. <@U01> can we get this into the tracker?", "ts": "%1$s", "thread_ts": "%1$s", "reply_count": 2},
                     {"type": "message", "user": "U04", "text": "Reproduced on staging: ReportExporter.formatDate gets null. Any report with a blank due date triggers it.", "ts": "%2$d.000200", "thread_ts": "%1$s"},
                     {"type": "message", "user": "U03", "text": "Customers hit it too, two tickets this morning. Needed before the 2.4 release.", "ts": "%3$d.000300", "thread_ts": "%1$s"},
                     {"type": "message", "user": "U04", "text": "Standup moved to 9:45 tomorrow.", "ts": "%4$d.000400"}
                    ]
                    """.formatted(thread, base + 600, base + 1200, base + 3600));
            Files.writeString(chat.resolve("random").resolve(day + ".json"), """
                    [
                     {"type": "message", "user": "U03", "text": "Who took the last oat milk? :)", "ts": "%d.000500"},
                     {"type": "message", "user": "U02", "text": "Guilty, buying more at lunch.", "ts": "%d.000600"}
                    ]
                    """.formatted(base + 200, base + 300));
        }

        private void tracker() throws IOException {
            String created = world.today().minusDays(15).atTime(9, 0).atZone(zone).toInstant().toString();
            String[][] items = {
                    {"T-1", "Offline sync loses edits on flaky networks", "atlas-api", "open", "bug"},
                    {"T-2", "Add two CI runners to the build farm", "infrastructure", "blocked", "ops"},
                    {"T-3", "Report export: add XLSX format", "atlas-api", "in-progress", "feature"},
                    {"T-4", "Renew the ACME support contract", "vendors", "open", "admin"},
                    {"T-5", "Billing page shows prices without VAT", "billing-web", "open", "bug"},
                    {"T-6", "Migrate invoices to the new PDF renderer", "billing-web", "done", "feature"}};
            List<Map<String, Object>> list = new ArrayList<>();
            for (String[] item : items) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("id", item[0]);
                node.put("title", item[1]);
                node.put("description", "");
                node.put("status", item[3]);
                node.put("project", item[2]);
                node.put("labels", List.of(item[4]));
                node.put("created", created);
                node.put("updated", created);
                node.put("version", 1);
                list.add(node);
            }
            Files.writeString(world.tracker(), JSON.writeValueAsString(Map.of("items", list)));
        }

        private ZonedDateTime at(int daysAgo, int hour, int minute) {
            return world.today().minusDays(daysAgo).atTime(hour, minute % 60).atZone(zone);
        }

        private static String rfcDate(ZonedDateTime t) {
            return t.format(DateTimeFormatter.RFC_1123_DATE_TIME);
        }

        private static String slug(String text) {
            String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            return s.length() > 24 ? s.substring(0, 24).replaceAll("-$", "") : s;
        }
    }
}
