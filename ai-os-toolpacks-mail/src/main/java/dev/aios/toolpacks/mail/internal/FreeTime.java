package dev.aios.toolpacks.mail.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Free slots: working hours on working days, less the busy occurrences. */
final class FreeTime {
    private FreeTime() {}

    /** A free stretch of time. */
    record Slot(Instant start, Instant end) {}

    static List<Slot> slots(List<CalendarEvents.Occurrence> events, Instant from, Instant to, long minutes,
            CalendarSettings settings) {
        ZoneId zone = settings.zone();
        List<Slot> busy = new ArrayList<>();
        for (CalendarEvents.Occurrence o : events) {
            if (o.busy() && o.end().isAfter(o.start())) {
                busy.add(new Slot(o.start(), o.end()));
            }
        }
        busy.sort((a, b) -> a.start().compareTo(b.start()));
        List<Slot> out = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!settings.workDays().contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = later(day.atTime(settings.workStart()).atZone(zone).toInstant(), from);
            Instant end = earlier(day.atTime(settings.workEnd()).atZone(zone).toInstant(), to);
            Instant cursor = start;
            for (Slot b : busy) {
                if (!b.end().isAfter(cursor) || !b.start().isBefore(end)) {
                    continue;
                }
                addIfLong(out, cursor, earlier(b.start(), end), minutes);
                cursor = later(cursor, b.end());
            }
            addIfLong(out, cursor, end, minutes);
        }
        return out;
    }

    private static void addIfLong(List<Slot> out, Instant start, Instant end, long minutes) {
        if (end.isAfter(start) && java.time.Duration.between(start, end).toMinutes() >= minutes) {
            out.add(new Slot(start, end));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
