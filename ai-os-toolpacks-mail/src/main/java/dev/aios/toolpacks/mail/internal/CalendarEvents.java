package dev.aios.toolpacks.mail.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import org.jspecify.annotations.Nullable;

/**
 * The occurrences of a calendar's events in a window: single events as they are, recurring
 * ones expanded with ical4j (a moved occurrence, a {@code RECURRENCE-ID} override, replaces the
 * one its rule makes).
 */
final class CalendarEvents {
    /** The most occurrences one recurring event may yield in a window before it is skipped. */
    static final int MAX_OCCURRENCES = 5_000;

    private CalendarEvents() {}

    /** One occurrence of an event. */
    record Occurrence(String uid, String title, Instant start, Instant end, boolean allDay, boolean recurring,
            @Nullable String location, List<String> attendees, boolean busy) {}

    /** The occurrences, sorted by start, and the events that could not be expanded. */
    record Expansion(List<Occurrence> occurrences, List<String> skipped) {}

    /** @return the occurrences that overlap {@code from} to {@code to} */
    static Expansion between(Calendar calendar, Instant from, Instant to, ZoneId zone) {
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        Map<String, VEvent> overrides = new HashMap<>();
        for (VEvent e : events) {
            Optional<DateProperty<Temporal>> rid = e.getProperty(Property.RECURRENCE_ID);
            if (rid.isPresent() && rid.get().getDate() != null) {
                overrides.put(uid(e) + "@" + instant(rid.get().getDate(), zone), e);
            }
        }
        List<Occurrence> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (VEvent e : events) {
            if (e.getProperty(Property.RECURRENCE_ID).isPresent()) {
                continue; // shown in place of the occurrence it moves
            }
            String uid = uid(e);
            try {
                Optional<DateProperty<Temporal>> start = e.getProperty(Property.DTSTART);
                if (start.isEmpty() || start.get().getDate() == null) {
                    skipped.add(uid + " (no start)");
                    continue;
                }
                Temporal seed = start.get().getDate();
                boolean recurring = !e.getProperties(Property.RRULE).isEmpty() || !e.getProperties(Property.RDATE).isEmpty();
                if (!recurring) {
                    Instant begin = instant(seed, zone);
                    add(out, occurrence(e, uid, begin, end(e, begin, seed, zone), seed, false), from, to);
                    continue;
                }
                Period<? extends Temporal> window = window(seed, from.atZone(zone), to.atZone(zone));
                if (tooMany(e, seed, window)) {
                    skipped.add(uid + " (its rule repeats more often than " + MAX_OCCURRENCES + " times in the range)");
                    continue;
                }
                Set<Period<Temporal>> periods = e.calculateRecurrenceSet(window);
                for (Period<Temporal> p : periods) {
                    Instant begin = instant(p.getStart(), zone);
                    VEvent moved = overrides.get(uid + "@" + begin);
                    if (moved != null) {
                        Optional<DateProperty<Temporal>> ms = moved.getProperty(Property.DTSTART);
                        Temporal mseed = ms.isPresent() && ms.get().getDate() != null ? ms.get().getDate() : p.getStart();
                        Instant mbegin = instant(mseed, zone);
                        add(out, occurrence(moved, uid, mbegin, end(moved, mbegin, mseed, zone), mseed, true), from, to);
                    } else {
                        add(out, occurrence(e, uid, begin, instant(p.getEnd(), zone), seed, true), from, to);
                    }
                }
            } catch (DateTimeException | IllegalArgumentException | NullPointerException ex) {
                // ical4j parses dates lazily and refuses some rules only when expanding them
                skipped.add(uid + " (" + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()) + ")");
            }
        }
        out.sort((a, b) -> a.start().compareTo(b.start()));
        return new Expansion(out, skipped);
    }

    private static void add(List<Occurrence> out, Occurrence o, Instant from, Instant to) {
        boolean overlaps = o.start().isBefore(to) && (o.end().isAfter(from) || (o.end().equals(o.start())
                && !o.start().isBefore(from)));
        if (overlaps) {
            out.add(o);
        }
    }

    private static Occurrence occurrence(VEvent e, String uid, Instant start, Instant end, Temporal seed,
            boolean recurring) {
        List<String> attendees = new ArrayList<>();
        for (Property p : e.getProperties(Property.ATTENDEE)) {
            attendees.add(p.getValue().replaceFirst("(?i)^mailto:", ""));
        }
        String transp = value(e, Property.TRANSP);
        String status = value(e, Property.STATUS);
        boolean busy = !"TRANSPARENT".equalsIgnoreCase(transp) && !"CANCELLED".equalsIgnoreCase(status);
        String title = value(e, Property.SUMMARY);
        return new Occurrence(uid, title == null ? "(no title)" : title, start, end, seed instanceof LocalDate,
                recurring, value(e, Property.LOCATION), attendees, busy);
    }

    private static Instant end(VEvent e, Instant start, Temporal seed, ZoneId zone) {
        Optional<DateProperty<Temporal>> end = e.getProperty(Property.DTEND);
        if (end.isPresent() && end.get().getDate() != null) {
            return instant(end.get().getDate(), zone);
        }
        Optional<Property> duration = e.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            String text = duration.get().getValue();
            try {
                return start.plus(Duration.parse(text));
            } catch (RuntimeException ex) {
                return start.atZone(zone).plus(java.time.Period.parse(text)).toInstant();
            }
        }
        // RFC 5545: a date start without an end lasts the day, a date-time start is an instant
        return seed instanceof LocalDate ? start.atZone(zone).plusDays(1).toInstant() : start;
    }

    @SuppressWarnings("unchecked")
    private static boolean tooMany(VEvent e, Temporal seed, Period<? extends Temporal> window) {
        for (Property p : e.getProperties(Property.RRULE)) {
            Recur<Temporal> recur = ((RRule<Temporal>) p).getRecur();
            if ((recur.getFrequency() == Frequency.SECONDLY || recur.getFrequency() == Frequency.MINUTELY)
                    && (recur.getCount() < 1 || recur.getCount() > MAX_OCCURRENCES)) {
                return true; // ical4j steps from the event's start: such a rule can take minutes to reach the window
            }
            if (recur.getDates(seed, window.getStart(), window.getEnd(), MAX_OCCURRENCES + 1).size() > MAX_OCCURRENCES) {
                return true;
            }
        }
        return false;
    }

    /** The window in the same temporal type as the event's start, as ical4j needs. */
    private static Period<? extends Temporal> window(Temporal seed, ZonedDateTime from, ZonedDateTime to) {
        return switch (seed) {
            case LocalDate d -> new Period<>(from.toLocalDate().minusDays(1), to.toLocalDate().plusDays(1));
            case LocalDateTime l -> new Period<>(from.toLocalDateTime(), to.toLocalDateTime());
            case Instant i -> new Period<>(from.toInstant(), to.toInstant());
            case OffsetDateTime o -> new Period<>(from.toOffsetDateTime(), to.toOffsetDateTime());
            case ZonedDateTime z -> new Period<>(from.withZoneSameInstant(z.getZone()), to.withZoneSameInstant(z.getZone()));
            default -> throw new IllegalArgumentException("a start of type " + seed.getClass().getSimpleName());
        };
    }

    static Instant instant(Temporal t, ZoneId zone) {
        return switch (t) {
            case Instant i -> i;
            case ZonedDateTime z -> z.toInstant();
            case OffsetDateTime o -> o.toInstant();
            case LocalDateTime l -> l.atZone(zone).toInstant();
            case LocalDate d -> d.atStartOfDay(zone).toInstant();
            default -> throw new IllegalArgumentException("a date of type " + t.getClass().getSimpleName());
        };
    }

    static String uid(VEvent e) {
        String uid = value(e, Property.UID);
        return uid == null || uid.isBlank() ? "(no uid)" : uid.strip();
    }

    static @Nullable String value(Component c, String name) {
        Optional<Property> p = c.getProperty(name);
        return p.map(Property::getValue).orElse(null);
    }
}
