package dev.aios.toolpacks.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Json;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Uid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calendar pack on real ICS files, written by the tools and by ical4j directly. */
class CalendarPackTest {
    @TempDir
    Path dir;
    private int calls;

    private ToolPack pack() {
        return CalendarPack.builder().root(dir).zone(ZoneOffset.UTC)
                .workingHours(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    }

    private ToolResult call(ToolPack pack, String tool, Map<String, Object> args) {
        return pack.call(new ToolCall("c" + (++calls), tool, args));
    }

    private static JsonNode json(ToolResult result) throws Exception {
        assertThat(result.error()).as(result.text()).isFalse();
        return Json.MAPPER.readTree(result.text());
    }

    @Test
    void addedEventsAreListedAndRemoved() throws Exception {
        ToolPack pack = pack();
        JsonNode added = json(call(pack, "calendar.add_event", Map.of("title", "Design review",
                "start", "2030-03-04T10:00", "minutes", 90, "location", "Room 4",
                "attendees", List.of("ana@example.com"))));
        String uid = added.get("uid").asText();
        assertThat(Files.readString(dir.resolve("calendar.ics"))).contains("BEGIN:VEVENT").contains("Design review")
                .contains(uid).contains("mailto:ana@example.com");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("calendar.ics"); // no temp file left
        }

        JsonNode events = json(call(pack, "calendar.events", Map.of("from", "2030-03-04", "to", "2030-03-04")));
        assertThat(events.get("count").asInt()).isEqualTo(1);
        JsonNode e = events.get("events").get(0);
        assertThat(e.get("uid").asText()).isEqualTo(uid);
        assertThat(e.get("title").asText()).isEqualTo("Design review");
        assertThat(e.get("start").asText()).isEqualTo("2030-03-04T10:00Z");
        assertThat(e.get("end").asText()).isEqualTo("2030-03-04T11:30Z");
        assertThat(e.get("location").asText()).isEqualTo("Room 4");
        assertThat(json(call(pack, "calendar.events", Map.of("from", "2030-03-05", "to", "2030-03-06")))
                .get("count").asInt()).isZero();

        json(call(pack, "calendar.remove_event", Map.of("uid", uid)));
        assertThat(Files.readString(dir.resolve("calendar.ics"))).doesNotContain(uid);
        assertThat(call(pack, "calendar.remove_event", Map.of("uid", uid)).text()).contains("no event with uid");
    }

    @Test
    void aRecurringEventWrittenByIcal4jIsExpanded() throws Exception {
        VEvent standup = new VEvent(LocalDateTime.of(2030, 3, 4, 9, 0), LocalDateTime.of(2030, 3, 4, 9, 15), "Standup");
        standup.add(new Uid("standup-1"));
        standup.add(new RRule<>("FREQ=DAILY;COUNT=5"));
        Calendar calendar = new Calendar();
        calendar.withProdId("-//test//EN").withDefaults().withComponent(standup);
        try (OutputStream out = Files.newOutputStream(dir.resolve("team.ics"))) {
            new CalendarOutputter(false).output(calendar, out);
        }
        ToolPack pack = pack();
        JsonNode events = json(call(pack, "calendar.events", Map.of("from", "2030-03-01", "to", "2030-03-31",
                "file", "team.ics")));
        assertThat(events.get("count").asInt()).isEqualTo(5);
        assertThat(events.get("events").get(4).get("start").asText()).isEqualTo("2030-03-08T09:00Z");
        assertThat(events.get("events").get(0).get("recurring").asBoolean()).isTrue();

        // free time on Tuesday: the standup blocks 09:00-09:15
        JsonNode free = json(call(pack, "calendar.free_time", Map.of("from", "2030-03-05", "to", "2030-03-05",
                "minutes", 30, "file", "team.ics")));
        assertThat(free.get("slots")).hasSize(1);
        assertThat(free.get("slots").get(0).get("start").asText()).isEqualTo("2030-03-05T09:15Z");
        assertThat(free.get("slots").get(0).get("end").asText()).isEqualTo("2030-03-05T17:00Z");
    }

    @Test
    void freeTimeSkipsBusyEventsWeekendsAndShortGaps() throws Exception {
        ToolPack pack = pack();
        json(call(pack, "calendar.add_event", Map.of("title", "A", "start", "2030-03-08T10:00", "end", "2030-03-08T11:00")));
        json(call(pack, "calendar.add_event", Map.of("title", "B", "start", "2030-03-08T11:10", "end", "2030-03-08T16:00")));
        // 2030-03-08 is a Friday; the weekend follows
        JsonNode free = json(call(pack, "calendar.free_time", Map.of("from", "2030-03-08", "to", "2030-03-10",
                "minutes", 30)));
        assertThat(free.get("slots").toString()).contains("2030-03-08T09:00Z").contains("2030-03-08T16:00Z")
                .doesNotContain("11:00Z").doesNotContain("2030-03-09");
        assertThat(free.get("slots")).hasSize(2);
    }

    @Test
    void pathsOutsideTheRootsAndWritesToReadOnlyRootsAreRefused(@TempDir Path other) throws Exception {
        ToolPack pack = CalendarPack.builder().root(dir).readOnlyRoot(other).build();
        ToolResult escape = call(pack, "calendar.add_event", Map.of("title", "x", "start", "2030-01-01T10:00",
                "file", "../evil.ics"));
        assertThat(escape.error()).isTrue();
        assertThat(escape.text()).contains("outside the folders");
        ToolResult readOnly = call(pack, "calendar.add_event", Map.of("title", "x", "start", "2030-01-01T10:00",
                "file", other.resolve("x.ics").toString()));
        assertThat(readOnly.text()).contains("read-only");
        assertThat(other.resolve("x.ics")).doesNotExist();
        ToolResult none = call(CalendarPack.builder().build(), "calendar.events",
                Map.of("from", "2030-01-01", "to", "2030-01-02"));
        assertThat(none.text()).contains("no folders are configured");
        assertThat(call(pack, "calendar.events", Map.of("from", "tomorrow", "to", "2030-01-02")).text())
                .contains("argument 'from'");
        assertThat(call(pack, "calendar.events", Map.of("from", "2030-01-01", "to", "2030-01-02")).text())
                .contains("no calendar file");
    }
}
