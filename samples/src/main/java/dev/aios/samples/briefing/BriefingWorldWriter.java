package dev.aios.samples.briefing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.samples.briefing.WorldFixtures.Entry;
import dev.aios.samples.briefing.WorldFixtures.Person;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a {@link BriefingWorld}'s files from the fixture text of its sample ({@link WorldFixtures}):
 * dates each item relative to the world's day and draws hours and reference numbers from the
 * sample's seed. One instance per world, since the random draws must come in one order.
 *
 * <p>Beyond the headers every world uses (see the first world's {@code inbox.txt}), an inbox entry
 * may carry {@code At: HH:MM} (a fixed time instead of a drawn hour), {@code To} and {@code Cc}
 * (written as given; the user at their main address by default), {@code Reply-To}, any
 * {@code Raw-Name: value} (written as {@code Name: value}, in entry order), {@code Content: html}
 * (the body is HTML), {@code Phishing: yes} and {@code Deadline: text} (the hidden truth beyond
 * the label, in {@code truth/details.json}); {@code In-Reply-To: sent:N} names the user's N-th
 * sent mail. A sent entry may carry {@code From-Alias: yes} (sent from the user's first alias),
 * {@code Cc}, {@code At}, and no {@code In-Reply-To} (a new thread) or no {@code Quoted} (the body
 * quotes what it needs itself). In subjects, bodies and meeting descriptions, {@code {date:N}},
 * {@code {day:N}} and {@code {dow:N}} stand for the day N days after the world's day (N may be
 * negative), written as {@code 12/03/2026}, {@code Thursday 12 March} and {@code Thursday};
 * for worlds in other countries, {@code {dmy:N}}, {@code {iso:N}} and {@code {week:N}} write it as
 * {@code 12-03-2026}, {@code 2026-03-12} and its ISO week number ({@code 11}); for American
 * worlds, {@code {mdy:N}} and {@code {usday:N}} write it as {@code 03/12/2026} and
 * {@code Thursday, March 12}; {@code {dmon:N}} and {@code {dotdmy:N}} write it as Indian offices
 * do, {@code 12-Mar-2026} (English month abbreviations) and {@code 12.03.2026}.
 */
final class BriefingWorldWriter {
    /** How each day placeholder is written ({@code week} is counted, not formatted). */
    private static final Map<String, DateTimeFormatter> FORMATS = Map.of(
            "date", DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.UK),
            "day", DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK),
            "dow", DateTimeFormatter.ofPattern("EEEE", Locale.UK),
            "dmy", DateTimeFormatter.ofPattern("dd-MM-yyyy", Locale.UK),
            "iso", DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.UK),
            "dotdmy", DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.UK),
            // American order: month first, and the weekday and month before the day.
            "mdy", DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US),
            "usday", DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US),
            // English abbreviations whatever the UK locale's data says ("Sep", not "Sept").
            "dmon", DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH));
    private static final Pattern DAY = Pattern.compile("\\{(week|" + String.join("|", FORMATS.keySet()) + "):(-?\\d+)}");

    private final BriefingWorld world;
    private final BriefingUser user;
    private final String folder;
    private final String domain;
    private final Random random;
    private final ZoneId zone = ZoneId.systemDefault();
    private final List<Mail> inbox = new ArrayList<>();
    /** Message-ID of each inbox entry that others refer to, by its fixture key. */
    private final Map<String, String> idsByKey = new HashMap<>();
    /** The hidden truth beyond the label, by Message-ID, for the entries that state any. */
    private final Map<String, Map<String, Object>> details = new TreeMap<>();
    private int sentCount;

    /**
     * One inbox message as the world writes it.
     *
     * @param minute the minute of a fixed time ({@code At}), or -1 for the one every world derives
     * @param headers headers written as given after the subject, such as {@code Cc: ...}
     */
    private record Mail(String id, int daysAgo, int hour, int minute, Person from, String to, String subject, String body,
            String label, boolean unsubscribe, String inReplyTo, List<String> headers, boolean html) {}

    BriefingWorldWriter(BriefingWorld world) {
        this.world = world;
        this.user = world.sample().user();
        this.folder = world.sample().folder();
        this.domain = user.addresses().get(0).substring(user.addresses().get(0).indexOf('@') + 1);
        this.random = new Random(world.sample().seed());
    }

    void write() throws IOException {
        Files.createDirectories(world.mail().resolve("cur"));
        Files.createDirectories(world.mail().resolve("new"));
        Files.createDirectories(world.mail().resolve("tmp"));
        Files.createDirectories(world.mail().resolve(".Sent").resolve("cur"));
        Files.createDirectories(world.state());
        Files.createDirectories(world.out());
        for (Entry entry : WorldFixtures.entries(folder, "inbox.txt")) {
            mail(entry);
        }
        for (Entry entry : WorldFixtures.entries(folder, "sent.txt")) {
            sent(entry);
        }
        Map<String, String> labels = new TreeMap<>();
        int n = 0;
        for (Mail m : inbox) {
            n++;
            String name = "%d.M%03dP1.briefing:2,S".formatted(at(m.daysAgo(), m.hour(), n % 60).toEpochSecond(), n);
            Files.writeString(world.mail().resolve("cur").resolve(name), rfc822(m), StandardCharsets.UTF_8);
            labels.put(m.id(), m.label());
        }
        calendar();
        chat();
        tracker();
        Files.createDirectories(world.labelsFile().getParent());
        if (!details.isEmpty()) {
            Files.writeString(world.truthFile(), BriefingJson.PRETTY.writeValueAsString(details));
        }
        // Last: BriefingWorld takes an existing labels file to mean the world is complete.
        Files.writeString(world.labelsFile(), BriefingJson.PRETTY.writeValueAsString(labels));
    }

    // ---------------------------------------------------------------- mail

    private void mail(Entry entry) {
        // The reference number is drawn before the hour: the order of draws is part of the bytes.
        String subject = dated(entry.header("Subject"));
        String body = dated(entry.body());
        String draw = entry.header("Draw", "");
        if (!draw.isEmpty()) {
            String[] parts = draw.split("\\s+");
            int number = Integer.parseInt(parts[0]) + random.nextInt(Integer.parseInt(parts[1]));
            String written = parts.length > 2 && parts[2].equals("hex") ? Integer.toHexString(number) : Integer.toString(number);
            subject = subject.replace("{n}", written);
            body = body.replace("{n}", written);
        }
        Person from = Person.parse(entry.header("From"));
        int daysAgo = entry.number("Days-Ago");
        String id = "m%02d.%s@%s".formatted(inbox.size() + 1, slug(subject), from.domain());
        String at = entry.header("At", "");
        int hour = !at.isEmpty() ? LocalTime.parse(at).getHour() : daysAgo == 0 ? 6 + random.nextInt(2) : 7 + random.nextInt(11);
        int minute = at.isEmpty() ? -1 : LocalTime.parse(at).getMinute();
        String replyKey = entry.header("In-Reply-To", "");
        String inReplyTo = replyKey.isEmpty() ? "" : replyKey.startsWith("sent:") ? sentId(Integer.parseInt(replyKey.substring(5)))
                : idsByKey.get(replyKey);
        if (inReplyTo == null) {
            throw new IllegalStateException("the inbox entry '" + subject + "' answers '" + replyKey
                    + "', which no earlier entry of " + folder + "inbox.txt is keyed by");
        }
        List<String> headers = new ArrayList<>();
        entry.headers().forEach((name, value) -> {
            if (name.equals("Cc") || name.equals("Reply-To")) {
                headers.add(name + ": " + value);
            } else if (name.startsWith("Raw-")) {
                headers.add(name.substring(4) + ": " + value);
            }
        });
        String to = entry.header("To", user.name() + " <" + user.addresses().get(0) + ">");
        inbox.add(new Mail(id, daysAgo, hour, minute, from, to, subject, body, entry.header("Label"),
                entry.header("Unsubscribe", "no").equals("yes"), inReplyTo, List.copyOf(headers),
                entry.header("Content", "plain").equals("html")));
        if (!entry.key().isEmpty()) {
            idsByKey.put(entry.key(), id);
        }
        Map<String, Object> truth = new LinkedHashMap<>();
        if (entry.header("Phishing", "no").equals("yes")) {
            truth.put("phishing", true);
        }
        if (!entry.header("Deadline", "").isEmpty()) {
            truth.put("deadline", dated(entry.header("Deadline")));
        }
        if (!truth.isEmpty()) {
            details.put(id, truth);
        }
    }

    private String sentId(int n) {
        return "s%02d.reply@%s".formatted(n, domain);
    }

    /**
     * Mail the user sent, in the user's voice: a reply quoting the request it answers (or quoting
     * in its own body), or a new thread.
     */
    private void sent(Entry entry) throws IOException {
        sentCount++;
        String replyKey = entry.header("In-Reply-To", "");
        String inReplyTo = replyKey.isEmpty() ? "" : idsByKey.get(replyKey);
        if (inReplyTo == null) {
            throw new IllegalStateException("the sent entry '" + entry.header("Subject") + "' answers '" + replyKey
                    + "', which no entry of " + folder + "inbox.txt is keyed by");
        }
        String at = entry.header("At", "");
        ZonedDateTime when = at.isEmpty() ? at(entry.number("Days-Ago"), 17, 10 + sentCount)
                : at(entry.number("Days-Ago"), LocalTime.parse(at).getHour(), LocalTime.parse(at).getMinute());
        String from = entry.header("From-Alias", "no").equals("yes") ? user.addresses().get(1) : user.addresses().get(0);
        StringBuilder text = new StringBuilder("Message-ID: <" + sentId(sentCount) + ">\n");
        if (!inReplyTo.isEmpty()) {
            text.append("In-Reply-To: <").append(inReplyTo).append(">\nReferences: <").append(inReplyTo).append(">\n");
        }
        text.append("Date: ").append(rfcDate(when)).append('\n');
        text.append("From: ").append(user.name()).append(" <").append(from).append(">\n");
        text.append("To: ").append(entry.header("To")).append('\n');
        if (!entry.header("Cc", "").isEmpty()) {
            text.append("Cc: ").append(entry.header("Cc")).append('\n');
        }
        text.append("Subject: ").append(encoded((inReplyTo.isEmpty() ? "" : "Re: ") + dated(entry.header("Subject")))).append('\n');
        text.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n").append(dated(entry.body())).append('\n');
        String quoted = dated(entry.header("Quoted", ""));
        if (!quoted.isEmpty()) {
            Person to = Person.parse(entry.header("To"));
            text.append("\nOn ").append(when.minusHours(3).format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT)))
                    .append(", ").append(to.name()).append(" wrote:\n> ").append(quoted).append('\n');
        }
        String name = "%d.S%03dP1.briefing:2,S".formatted(when.toEpochSecond(), sentCount);
        Files.writeString(world.mail().resolve(".Sent").resolve("cur").resolve(name), text.toString(), StandardCharsets.UTF_8);
    }

    private String rfc822(Mail m) {
        StringBuilder s = new StringBuilder();
        s.append("Message-ID: <").append(m.id()).append(">\n");
        if (!m.inReplyTo().isEmpty()) {
            s.append("In-Reply-To: <").append(m.inReplyTo()).append(">\n");
            s.append("References: <").append(m.inReplyTo()).append(">\n");
        }
        int minute = m.minute() >= 0 ? m.minute() : 5 + inbox.indexOf(m) % 50;
        s.append("Date: ").append(rfcDate(at(m.daysAgo(), m.hour(), minute))).append('\n');
        s.append("From: ").append(encoded(m.from().name())).append(" <").append(m.from().address()).append(">\n");
        s.append("To: ").append(m.to()).append('\n');
        s.append("Subject: ").append(encoded(m.subject())).append('\n');
        if (m.unsubscribe()) {
            s.append("List-Unsubscribe: <https://").append(m.from().domain()).append("/unsubscribe?u=8812>\n");
            s.append("Precedence: bulk\n");
        }
        m.headers().forEach(h -> s.append(h).append('\n'));
        s.append("MIME-Version: 1.0\nContent-Type: text/").append(m.html() ? "html" : "plain").append("; charset=UTF-8\n\n");
        s.append(m.body().strip()).append('\n');
        return s.toString();
    }

    // ---------------------------------------------------------------- calendar, chat, tracker

    private void calendar() throws IOException {
        Files.createDirectories(world.calendar());
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AI-OS//briefing world//EN\r\n");
        for (JsonNode event : BriefingJson.MAPPER.readTree(WorldFixtures.text(folder, "calendar.json"))) {
            event(ics, event);
        }
        ics.append("END:VCALENDAR\r\n");
        Files.writeString(world.calendar().resolve("work.ics"), ics.toString());
    }

    private void event(StringBuilder ics, JsonNode event) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
        LocalDateTime start = world.today().minusDays(event.path("daysAgo").asInt())
                .atTime(LocalTime.parse(event.path("start").asText()));
        ics.append("BEGIN:VEVENT\r\nUID:").append(event.path("uid").asText()).append('@').append(domain).append("\r\n")
                .append("DTSTAMP:").append(world.today().minusDays(20).format(DateTimeFormatter.BASIC_ISO_DATE))
                .append("T080000Z\r\n")
                .append("DTSTART:").append(start.format(f)).append("\r\n")
                .append("DTEND:").append(start.plusMinutes(event.path("minutes").asInt(60)).format(f)).append("\r\n")
                .append("SUMMARY:").append(icsText(event.path("summary").asText())).append("\r\n")
                .append("LOCATION:").append(icsText(event.path("location").asText())).append("\r\n")
                .append("DESCRIPTION:").append(icsText(dated(event.path("description").asText())))
                .append("\r\n");
        // Invitations from someone else name that person as organizer and list the user among the attendees,
        // at the address the invitation went to.
        String organizer = event.path("organizer").asText("");
        Person by = organizer.isEmpty() ? new Person(user.name(), user.addresses().get(0)) : Person.parse(organizer);
        ics.append("ORGANIZER;CN=").append(by.name()).append(":mailto:").append(by.address()).append("\r\n");
        if (!organizer.isEmpty()) {
            String invited = event.path("invited").asText(user.addresses().get(0));
            ics.append("ATTENDEE;CN=").append(user.name()).append(";ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:")
                    .append(invited).append("\r\n");
        }
        for (JsonNode attendee : event.path("attendees")) {
            Person person = Person.parse(attendee.asText());
            ics.append("ATTENDEE;CN=").append(person.name()).append(";ROLE=REQ-PARTICIPANT:mailto:")
                    .append(person.address()).append("\r\n");
        }
        ics.append("END:VEVENT\r\n");
    }

    /**
     * The chat export of yesterday: each channel of {@code chat/channels.json} has a day file
     * {@code chat/<channel>.json}, a format string over the thread's timestamp ({@code %1$s}) and
     * the seconds of five later messages ({@code %2$d} to {@code %6$d}: 10, 20 and 60 minutes after
     * the thread starts, and 200 and 300 seconds after it).
     */
    private void chat() throws IOException {
        Path chat = world.chat();
        Files.createDirectories(chat);
        Files.writeString(chat.resolve("users.json"), WorldFixtures.text(folder, "chat/users.json"));
        String channels = WorldFixtures.text(folder, "chat/channels.json");
        Files.writeString(chat.resolve("channels.json"), channels);
        LocalDate day = world.today().minusDays(1);
        long base = day.atTime(11, 0).atZone(zone).toEpochSecond();
        String thread = base + ".000100";
        for (JsonNode channel : BriefingJson.MAPPER.readTree(channels)) {
            String name = channel.path("name").asText();
            Files.createDirectories(chat.resolve(name));
            Files.writeString(chat.resolve(name).resolve(day + ".json"), WorldFixtures.text(folder, "chat/" + name + ".json")
                    .formatted(thread, base + 600, base + 1200, base + 3600, base + 200, base + 300));
        }
    }

    private void tracker() throws IOException {
        String created = world.today().minusDays(15).atTime(9, 0).atZone(zone).toInstant().toString();
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode item : BriefingJson.MAPPER.readTree(WorldFixtures.text(folder, "tracker-items.json"))) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", item.path("id").asText());
            node.put("title", item.path("title").asText());
            node.put("description", "");
            node.put("status", item.path("status").asText());
            node.put("project", item.path("project").asText());
            node.put("labels", List.of(item.path("label").asText()));
            node.put("created", created);
            node.put("updated", created);
            node.put("version", 1);
            list.add(node);
        }
        Files.writeString(world.tracker(), BriefingJson.PRETTY.writeValueAsString(Map.of("items", list)));
    }

    private ZonedDateTime at(int daysAgo, int hour, int minute) {
        return world.today().minusDays(daysAgo).atTime(hour, minute % 60).atZone(zone);
    }

    /** @return the text with each day placeholder ({@code {date:N}}, {@code {dmy:N}}, {@code {week:N}}, {@code {mdy:N}}, ...) written as that day */
    private String dated(String text) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        return DAY.matcher(text).replaceAll(m -> {
            LocalDate day = world.today().plusDays(Integer.parseInt(m.group(2)));
            if (m.group(1).equals("week")) {
                // The ISO week, as Dutch and German offices count weeks (not the locale's own rule).
                return Integer.toString(day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            }
            return day.format(FORMATS.get(m.group(1)));
        });
    }

    /** @return the text as an RFC 2047 encoded word when it is not ASCII, as mail programs write headers */
    private static String encoded(String text) {
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** @return the text with the commas and semicolons an ICS text value escapes */
    private static String icsText(String text) {
        return text.replace(",", "\\,").replace(";", "\\;");
    }

    private static String rfcDate(ZonedDateTime t) {
        return t.format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 24 ? s.substring(0, 24).replaceAll("-$", "") : s;
    }
}
