package dev.aios.toolpacks.mail;

import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.mail.internal.CalendarSettings;
import dev.aios.toolpacks.mail.internal.CalendarTools;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The calendar tool pack ({@code calendar}) over ICS files (iCalendar, read and written with
 * ical4j) inside the folders it is given: {@code calendar.events}, {@code calendar.add_event},
 * {@code calendar.remove_event}, {@code calendar.free_time}. Recurring events are expanded.
 * Files are written whole to a temporary file that then replaces the old one, so a reader never
 * sees half a calendar.
 *
 * <p>Without a {@link Builder#root} every call is refused with an error that says to configure
 * one; a {@link Builder#readOnlyRoot} can be read but not changed.
 * {@snippet :
 * ToolPack calendar = CalendarPack.builder()
 *         .root(Path.of("calendars"))
 *         .calendar("work.ics")
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .workingHours(LocalTime.of(9, 0), LocalTime.of(17, 30))
 *         .build();
 * }
 */
public final class CalendarPack {
    private CalendarPack() {}

    /** @return a builder with no folders allowed yet */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the calendar pack. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("calendar tools");
        private String calendar = "calendar.ics";
        private ZoneId zone = ZoneId.systemDefault();
        private LocalTime workStart = LocalTime.of(9, 0);
        private LocalTime workEnd = LocalTime.of(17, 0);
        private Set<DayOfWeek> workDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        private int maxEvents = 200;

        private Builder() {}

        /** Adds a folder whose ICS files the tools may read and change; the first root holds the default calendar. */
        public Builder root(Path folder) {
            roots.add(folder, true);
            return this;
        }

        /** Adds a folder whose ICS files the tools may read but never change. */
        public Builder readOnlyRoot(Path folder) {
            roots.add(folder, false);
            return this;
        }

        /** The calendar file used when a call names none, relative to the first root (default {@code calendar.ics}). */
        public Builder calendar(String file) {
            this.calendar = Objects.requireNonNull(file, "calendar file");
            return this;
        }

        /** The zone of times given without an offset, and of the times in results (default: the system's). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The working hours {@code calendar.free_time} looks within (default 09:00 to 17:00). */
        public Builder workingHours(LocalTime start, LocalTime end) {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("working hours must start before they end, were " + start + " to " + end);
            }
            this.workStart = start;
            this.workEnd = end;
            return this;
        }

        /** The days {@code calendar.free_time} looks at (default Monday to Friday). */
        public Builder workDays(Set<DayOfWeek> days) {
            if (days.isEmpty()) {
                throw new IllegalArgumentException("workDays must name at least one day");
            }
            this.workDays = EnumSet.copyOf(days);
            return this;
        }

        /** The most events or free slots one call returns (default 200); the rest is counted, not shown. */
        public Builder maxEvents(int max) {
            if (max < 1 || max > 5_000) {
                throw new IllegalArgumentException("maxEvents must be between 1 and 5000, was " + max);
            }
            this.maxEvents = max;
            return this;
        }

        /** @return the pack */
        public ToolPack build() {
            return CalendarTools.pack(new CalendarSettings(roots.build(), calendar, zone, workStart, workEnd,
                    Set.copyOf(workDays), maxEvents));
        }
    }
}
