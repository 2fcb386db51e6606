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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a {@link BriefingWorld}'s files from the fixture text ({@link WorldFixtures}): dates each
 * item relative to the world's day and draws hours and reference numbers from a fixed seed. One
 * instance per world, since the random draws must come in one order.
 */
final class BriefingWorldWriter {
    private static final long SEED = 20_260_701L;

    private final BriefingWorld world;
    private final Random random = new Random(SEED);
    private final ZoneId zone = ZoneId.systemDefault();
    private final List<Mail> inbox = new ArrayList<>();
    /** Message-ID of each inbox entry that others refer to, by its fixture key. */
    private final Map<String, String> idsByKey = new HashMap<>();
    private int sentCount;

    /** One inbox message as the world writes it. */
    private record Mail(String id, int daysAgo, int hour, Person from, String subject, String body, String label,
            boolean unsubscribe, String inReplyTo) {}

    BriefingWorldWriter(BriefingWorld world) {
        this.world = world;
    }

    void write() throws IOException {
        Files.createDirectories(world.mail().resolve("cur"));
        Files.createDirectories(world.mail().resolve("new"));
        Files.createDirectories(world.mail().resolve("tmp"));
        Files.createDirectories(world.mail().resolve(".Sent").resolve("cur"));
        Files.createDirectories(world.state());
        Files.createDirectories(world.out());
        for (Entry entry : WorldFixtures.entries("inbox.txt")) {
            mail(entry);
        }
        for (Entry entry : WorldFixtures.entries("sent.txt")) {
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
        // Last: BriefingWorld takes an existing labels file to mean the world is complete.
        Files.createDirectories(world.labelsFile().getParent());
        Files.writeString(world.labelsFile(), BriefingJson.PRETTY.writeValueAsString(labels));
    }

    // ---------------------------------------------------------------- mail

    private void mail(Entry entry) {
        // The reference number is drawn before the hour: the order of draws is part of the bytes.
        String subject = entry.header("Subject");
        String body = entry.body();
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
        int hour = daysAgo == 0 ? 6 + random.nextInt(2) : 7 + random.nextInt(11);
        String replyKey = entry.header("In-Reply-To", "");
        String inReplyTo = replyKey.isEmpty() ? "" : idsByKey.get(replyKey);
        inbox.add(new Mail(id, daysAgo, hour, from, subject, body, entry.header("Label"),
                entry.header("Unsubscribe", "no").equals("yes"), inReplyTo));
        if (!entry.key().isEmpty()) {
            idsByKey.put(entry.key(), id);
        }
    }

    /** A reply the user sent, quoting the request it answers, in the user's voice. */
    private void sent(Entry entry) throws IOException {
        sentCount++;
        Person to = Person.parse(entry.header("To"));
        String inReplyTo = idsByKey.get(entry.header("In-Reply-To"));
        ZonedDateTime when = at(entry.number("Days-Ago"), 17, 10 + sentCount);
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
                """.formatted(sentCount, inReplyTo, inReplyTo, rfcDate(when), BriefingWorld.USER_NAME,
                BriefingWorld.USER_ADDRESS, to.name(), to.address(), entry.header("Subject"), entry.body(),
                when.minusHours(3).format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT)), to.name(),
                entry.header("Quoted"));
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
        s.append("From: ").append(m.from().name()).append(" <").append(m.from().address()).append(">\n");
        s.append("To: ").append(BriefingWorld.USER_NAME).append(" <").append(BriefingWorld.USER_ADDRESS).append(">\n");
        s.append("Subject: ").append(m.subject()).append('\n');
        if (m.unsubscribe()) {
            s.append("List-Unsubscribe: <https://").append(m.from().domain()).append("/unsubscribe?u=8812>\n");
            s.append("Precedence: bulk\n");
        }
        s.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n");
        s.append(m.body().strip()).append('\n');
        return s.toString();
    }

    // ---------------------------------------------------------------- calendar, chat, tracker

    private void calendar() throws IOException {
        Files.createDirectories(world.calendar());
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//AI-OS//briefing world//EN\r\n");
        for (JsonNode event : BriefingJson.MAPPER.readTree(WorldFixtures.text("calendar.json"))) {
            event(ics, event);
        }
        ics.append("END:VCALENDAR\r\n");
        Files.writeString(world.calendar().resolve("work.ics"), ics.toString());
    }

    private void event(StringBuilder ics, JsonNode event) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
        LocalDateTime start = world.today().minusDays(event.path("daysAgo").asInt())
                .atTime(LocalTime.parse(event.path("start").asText()));
        ics.append("BEGIN:VEVENT\r\nUID:").append(event.path("uid").asText()).append("@lumen.dev\r\n")
                .append("DTSTAMP:").append(world.today().minusDays(20).format(DateTimeFormatter.BASIC_ISO_DATE))
                .append("T080000Z\r\n")
                .append("DTSTART:").append(start.format(f)).append("\r\n")
                .append("DTEND:").append(start.plusHours(1).format(f)).append("\r\n")
                .append("SUMMARY:").append(event.path("summary").asText()).append("\r\n")
                .append("LOCATION:").append(event.path("location").asText()).append("\r\n")
                .append("DESCRIPTION:").append(event.path("description").asText().replace(",", "\\,").replace(";", "\\;"))
                .append("\r\n")
                .append("ORGANIZER;CN=").append(BriefingWorld.USER_NAME).append(":mailto:").append(BriefingWorld.USER_ADDRESS)
                .append("\r\n");
        for (JsonNode attendee : event.path("attendees")) {
            Person person = Person.parse(attendee.asText());
            ics.append("ATTENDEE;CN=").append(person.name()).append(";ROLE=REQ-PARTICIPANT:mailto:")
                    .append(person.address()).append("\r\n");
        }
        ics.append("END:VEVENT\r\n");
    }

    private void chat() throws IOException {
        Path chat = world.chat();
        Files.createDirectories(chat.resolve("atlas-dev"));
        Files.createDirectories(chat.resolve("random"));
        Files.writeString(chat.resolve("users.json"), WorldFixtures.text("chat/users.json"));
        Files.writeString(chat.resolve("channels.json"), WorldFixtures.text("chat/channels.json"));
        LocalDate day = world.today().minusDays(1);
        long base = day.atTime(11, 0).atZone(zone).toEpochSecond();
        String thread = base + ".000100";
        Files.writeString(chat.resolve("atlas-dev").resolve(day + ".json"),
                WorldFixtures.text("chat/atlas-dev.json").formatted(thread, base + 600, base + 1200, base + 3600));
        Files.writeString(chat.resolve("random").resolve(day + ".json"),
                WorldFixtures.text("chat/random.json").formatted(base + 200, base + 300));
    }

    private void tracker() throws IOException {
        String created = world.today().minusDays(15).atTime(9, 0).atZone(zone).toInstant().toString();
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode item : BriefingJson.MAPPER.readTree(WorldFixtures.text("tracker-items.json"))) {
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

    private static String rfcDate(ZonedDateTime t) {
        return t.format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    private static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 24 ? s.substring(0, 24).replaceAll("-$", "") : s;
    }
}
