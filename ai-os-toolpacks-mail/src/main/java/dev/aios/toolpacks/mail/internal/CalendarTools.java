package dev.aios.toolpacks.mail.internal;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.ToolRisk.Level;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Roots.Access;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.ToolHandlers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Uid;

/** The calendar pack's tools over ICS files. Changes are serialised, so two adds never lose one another. */
public final class CalendarTools {
    /** The longest range {@code calendar.events} and {@code calendar.free_time} look at. */
    static final long MAX_RANGE_DAYS = 366;

    private final CalendarSettings settings;
    private final Object writeLock = new Object();

    private CalendarTools(CalendarSettings settings) {
        this.settings = settings;
    }

    /** @return the calendar pack over {@code settings} */
    public static ToolPack pack(CalendarSettings settings) {
        CalendarTools t = new CalendarTools(settings);
        String file = "the ICS file, relative to the calendar folder (default: the configured calendar)";
        String when = "a date (YYYY-MM-DD) or local date-time (YYYY-MM-DDTHH:MM), or with an offset";
        return Pack.named("calendar").examples(CalendarTools.class)
                .tool("calendar.events", "List the calendar events (meetings, appointments) between two dates or"
                        + " times, with recurring events expanded into their occurrences.",
                        Schema.object().string("from", "start of the range: " + when)
                                .string("to", "end of the range: " + when + "; a date counts as the whole day")
                                .string("file", file).required("from", "to").json(),
                        ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, t::events)
                .tool("calendar.add_event", "Add (create) an event, meeting or appointment to a calendar file, with"
                        + " its time, location and attendees, and return its UID. It sends no invitations.",
                        Schema.object().string("title", "what the event is")
                                .string("start", "when it starts: " + when)
                                .string("end", "when it ends (or give minutes)")
                                .integer("minutes", "how long it lasts, when no end is given (default 60)")
                                .string("location", "where it takes place")
                                .strings("attendees", "the attendees' mail addresses")
                                .string("description", "notes for the event")
                                .string("file", file).required("title", "start").json(),
                        ToolRisk.SIDE_EFFECTING, Pack.Output.OUTSIDE, t::add)
                .tool("calendar.remove_event", "Cancel or delete a calendar event (meeting, appointment), with all"
                        + " its occurrences, from a calendar file by its UID.",
                        Schema.object().string("uid", "the event's UID (from calendar.events)")
                                .string("file", file).required("uid").json(),
                        new ToolRisk(Level.DESTRUCTIVE, false, true), Pack.Output.OUTSIDE, t::remove)
                .tool("calendar.free_time", "Find free time in the calendar (when I am available): slots of at"
                        + " least a given length between two dates, within working hours on working days.",
                        Schema.object().string("from", "start of the range: " + when)
                                .string("to", "end of the range: " + when + "; a date counts as the whole day")
                                .integer("minutes", "the shortest slot worth listing, in minutes")
                                .string("file", file).required("from", "to", "minutes").json(),
                        ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, t::freeTime)
                .build();
    }

    private ToolResult events(Map<String, Object> args) throws Exception {
        Instant from = time(Args.string(args, "from"), "from", false);
        Instant to = time(Args.string(args, "to"), "to", true);
        checkRange(from, to);
        Path path = path(args, Access.READ);
        Calendar calendar = load(path, false);
        CalendarEvents.Expansion found = CalendarEvents.between(calendar, from, to, settings.zone());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CalendarEvents.Occurrence o : found.occurrences()) {
            if (rows.size() == settings.maxEvents()) {
                break;
            }
            rows.add(row(o));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", settings.roots().display(path));
        out.put("count", found.occurrences().size());
        out.put("events", rows);
        if (rows.size() < found.occurrences().size()) {
            out.put("cut", (found.occurrences().size() - rows.size()) + " more events not shown; narrow the range");
        }
        if (!found.skipped().isEmpty()) {
            out.put("skipped", found.skipped());
        }
        return ToolResult.success(Json.text(out));
    }

    private ToolResult add(Map<String, Object> args) throws Exception {
        String title = Args.string(args, "title").strip();
        Instant start = time(Args.string(args, "start"), "start", false);
        String endText = Args.string(args, "end", null);
        Instant end;
        if (endText != null) {
            end = time(endText, "end", false);
        } else {
            long minutes = Args.integer(args, "minutes", 60);
            if (minutes < 1 || minutes > 60 * 24 * 31) {
                throw new IllegalArgumentException("argument 'minutes' must be between 1 and 44640, was " + minutes);
            }
            end = start.plus(minutes, ChronoUnit.MINUTES);
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the event must end after it starts (start " + start + ", end " + end + ")");
        }
        String uid = UUID.randomUUID() + "@aios";
        VEvent event = new VEvent(start.truncatedTo(ChronoUnit.SECONDS), end.truncatedTo(ChronoUnit.SECONDS), title);
        event.add(new Uid(uid));
        event.add(new DtStamp(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        String location = Args.string(args, "location", null);
        if (location != null && !location.isBlank()) {
            event.add(new Location(location.strip()));
        }
        String description = Args.string(args, "description", null);
        if (description != null && !description.isBlank()) {
            event.add(new Description(description.strip()));
        }
        for (String attendee : Args.strings(args, "attendees")) {
            String address = Recipients.address(attendee, "argument 'attendees'").getAddress();
            event.add(new Attendee(URI.create("mailto:" + address)));
        }
        Path path = path(args, Access.WRITE);
        synchronized (writeLock) {
            Calendar calendar = load(path, true);
            calendar.add(event);
            save(path, calendar);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uid", uid);
        out.put("file", settings.roots().display(path));
        out.put("title", title);
        out.put("start", shown(start));
        out.put("end", shown(end));
        return ToolResult.success(Json.text(out));
    }

    private ToolResult remove(Map<String, Object> args) throws Exception {
        String uid = Args.string(args, "uid").strip();
        Path path = path(args, Access.WRITE);
        int removed = 0;
        synchronized (writeLock) {
            Calendar calendar = load(path, false);
            for (CalendarComponent c : new ArrayList<CalendarComponent>(calendar.getComponents())) {
                if (c instanceof VEvent e && uid.equals(CalendarEvents.uid(e))) {
                    calendar.remove(c);
                    removed++;
                }
            }
            if (removed == 0) {
                throw new IllegalArgumentException("no event with uid '" + uid + "' in " + settings.roots().display(path));
            }
            save(path, calendar);
        }
        return ToolResult.success(Json.text(Map.of("removed", uid, "components", removed,
                "file", settings.roots().display(path))));
    }

    private ToolResult freeTime(Map<String, Object> args) throws Exception {
        Instant from = time(Args.string(args, "from"), "from", false);
        Instant to = time(Args.string(args, "to"), "to", true);
        checkRange(from, to);
        long minutes = Args.integer(args, "minutes", 30);
        if (minutes < 1 || minutes > 24 * 60) {
            throw new IllegalArgumentException("argument 'minutes' must be between 1 and 1440, was " + minutes);
        }
        Path path = path(args, Access.READ);
        CalendarEvents.Expansion found = CalendarEvents.between(load(path, true), from, to, settings.zone());
        List<FreeTime.Slot> slots = FreeTime.slots(found.occurrences(), from, to, minutes, settings);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FreeTime.Slot s : slots.subList(0, Math.min(slots.size(), settings.maxEvents()))) {
            rows.add(Map.of("start", shown(s.start()), "end", shown(s.end()),
                    "minutes", ChronoUnit.MINUTES.between(s.start(), s.end())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", settings.roots().display(path));
        out.put("workingHours", settings.workStart() + "-" + settings.workEnd());
        out.put("slots", rows);
        if (rows.size() < slots.size()) {
            out.put("cut", (slots.size() - rows.size()) + " more slots not shown; narrow the range");
        }
        if (!found.skipped().isEmpty()) {
            out.put("skipped", found.skipped());
        }
        return ToolResult.success(Json.text(out));
    }

    private Map<String, Object> row(CalendarEvents.Occurrence o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("uid", o.uid());
        row.put("title", ToolHandlers.cut(o.title(), 300));
        row.put("start", o.allDay() ? o.start().atZone(settings.zone()).toLocalDate().toString() : shown(o.start()));
        row.put("end", o.allDay() ? o.end().atZone(settings.zone()).toLocalDate().toString() : shown(o.end()));
        if (o.allDay()) {
            row.put("allDay", true);
        }
        if (o.location() != null) {
            row.put("location", ToolHandlers.cut(o.location(), 300));
        }
        if (!o.attendees().isEmpty()) {
            row.put("attendees", o.attendees());
        }
        if (o.recurring()) {
            row.put("recurring", true);
        }
        return row;
    }

    private String shown(Instant t) {
        return t.atZone(settings.zone()).toOffsetDateTime().toString();
    }

    private Path path(Map<String, Object> args, Access access) {
        String file = Args.string(args, "file", null);
        return settings.roots().resolve(file == null || file.isBlank() ? settings.calendar() : file, access);
    }

    /** @param whole whether a plain date means the end of that day */
    private Instant time(String text, String name, boolean whole) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return (whole ? d.plusDays(1) : d).atStartOfDay(settings.zone()).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).atZone(settings.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("argument '" + name + "' must be a date (YYYY-MM-DD) or date-time "
                    + "(YYYY-MM-DDTHH:MM), was '" + text + "'");
        }
    }

    private static void checkRange(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("argument 'to' must be after 'from'");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_RANGE_DAYS) {
            throw new IllegalArgumentException("the range from 'from' to 'to' may span at most " + MAX_RANGE_DAYS + " days");
        }
    }

    /** @param missingIsEmpty whether a file that does not exist is an empty calendar (else an error) */
    private Calendar load(Path path, boolean missingIsEmpty) throws IOException {
        String shown = settings.roots().display(path);
        if (!Files.exists(path)) {
            if (missingIsEmpty) {
                Calendar c = new Calendar();
                c.withProdId("-//AI-OS//calendar tools//EN").withDefaults();
                return c;
            }
            throw new IllegalArgumentException("no calendar file '" + shown + "'");
        }
        try {
            return new CalendarBuilder().build(new ByteArrayInputStream(AtomicFiles.read(path, shown)));
        } catch (ParserException e) {
            throw new IllegalArgumentException("'" + shown + "' is not a readable ICS file: " + e.getMessage());
        }
    }

    private static void save(Path path, Calendar calendar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CalendarOutputter(false).output(calendar, bytes);
        AtomicFiles.write(path, bytes.toByteArray());
    }
}
