package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ICS files (iCalendar), read with ical4j: one observation per occurrence of each event. A
 * recurring event is expanded within a window around now ({@code past} before, {@code future}
 * after); an occurrence that was moved (a {@code RECURRENCE-ID} override) replaces the one the
 * rule generates and keeps its id. The stamp includes the window's first day, so a file is
 * expanded again once a day and occurrences entering the window are reported.
 */
public final class IcsFormat implements FileFormat {
    /**
     * The most occurrences of one recurring event reported per read; an event whose rule yields
     * more in the window (a meeting every second, say) is skipped with a warning.
     */
    static final int MAX_OCCURRENCES = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(IcsFormat.class);
    private final Clock clock;
    private final Duration past;
    private final Duration future;

    /**
     * @param clock the time the window is centred on (its zone is used for floating times)
     * @param past how far back to expand recurring events
     * @param future how far ahead to expand recurring events
     */
    public IcsFormat(Clock clock, Duration past, Duration future) {
        this.clock = clock;
        this.past = past;
        this.future = future;
    }

    @Override
    public String describe() {
        return "ICS file";
    }

    @Override
    public boolean accepts(Path relative) {
        return relative.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ics");
    }

    @Override
    public String stamp(BasicFileAttributes attributes) {
        LocalDate windowStart = LocalDate.ofInstant(clock.instant().minus(past), clock.getZone());
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis() + ":" + windowStart;
    }

    @Override
    public String read(Path file, @Nullable String previous, Consumer<Observation> sink) throws Exception {
        Calendar calendar;
        try (InputStream in = Files.newInputStream(file)) {
            calendar = new CalendarBuilder().build(in);
        }
        ZoneId zone = clock.getZone();
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), zone);
        ZonedDateTime from = now.minus(past);
        ZonedDateTime to = now.plus(future);
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        // Overrides of single occurrences, by UID and the original start they replace.
        try {
            Map<String, VEvent> overrides = new HashMap<>();
            for (VEvent event : events) {
                Optional<DateProperty<Temporal>> recurrenceId = event.getProperty(Property.RECURRENCE_ID);
                if (recurrenceId.isPresent()) {
                    overrides.put(uid(event, file) + "@" + toInstant(dateOf(recurrenceId.get(), "RECURRENCE-ID"), zone), event);
                }
            }
            for (VEvent event : events) {
                if (event.getProperty(Property.RECURRENCE_ID).isPresent()) {
                    continue; // reported in place of the occurrence it replaces
                }
                Optional<DateProperty<Temporal>> start = event.getProperty(Property.DTSTART);
                if (start.isEmpty()) {
                    throw new MalformedInputException("event '" + uid(event, file) + "' has no DTSTART");
                }
                String uid = uid(event, file);
                boolean recurring = !event.getProperties(Property.RRULE).isEmpty()
                        || !event.getProperties(Property.RDATE).isEmpty();
                if (!recurring) {
                    Instant begin = toInstant(dateOf(start.get(), "DTSTART"), zone);
                    sink.accept(observation(event, uid, begin, endOf(event, begin, zone), false, file));
                    continue;
                }
                Optional<DateProperty<Temporal>> declaredEnd = event.getProperty(Property.DTEND);
                if (declaredEnd.isPresent()) {
                    dateOf(declaredEnd.get(), "DTEND"); // an empty DTEND makes ical4j's expansion throw an NPE
                }
                Period<? extends Temporal> window = window(dateOf(start.get(), "DTSTART"), from, to);
                Set<Period<Temporal>> occurrences;
                try {
                    if (tooManyOccurrences(event, dateOf(start.get(), "DTSTART"), window)) {
                        LOG.warn("skipping event '{}' of ICS file {}: its RRULE yields more than {} occurrences between {}"
                                + " and {}, or more than {} periods from its start to them", uid, file, MAX_OCCURRENCES,
                                from, to, MAX_RECURRENCE_STEPS);
                        continue;
                    }
                    occurrences = event.calculateRecurrenceSet(window);
                } catch (IllegalArgumentException | DateTimeException e) {
                    // ical4j refuses some rules only when expanding them, such as BYHOUR on a DATE start.
                    throw new MalformedInputException("event '" + uid + "' has a recurrence that cannot be expanded: "
                            + e.getMessage());
                }
                for (Period<Temporal> occurrence : occurrences) {
                    Instant begin = toInstant(occurrence.getStart(), zone);
                    VEvent override = overrides.get(uid + "@" + begin);
                    if (override != null) {
                        Optional<DateProperty<Temporal>> moved = override.getProperty(Property.DTSTART);
                        Instant movedStart = moved.isPresent() ? toInstant(dateOf(moved.get(), "DTSTART"), zone) : begin;
                        sink.accept(withId(observation(override, uid, movedStart, endOf(override, movedStart, zone), true, file),
                                occurrenceId(uid, begin)));
                    } else {
                        sink.accept(observation(event, uid, begin, toInstant(occurrence.getEnd(), zone), true, file));
                    }
                }
            }
        } catch (DateTimeException e) {
            // ical4j parses a date when it is first asked for it: a DTSTART of 'Y:Standup' fails only here
            throw new MalformedInputException("a date in the ICS file cannot be read: " + e.getMessage());
        }
        return "";
    }

    /** @return the property's date; an empty value (ical4j gives null) is malformed input */
    private static Temporal dateOf(DateProperty<Temporal> property, String name) throws MalformedInputException {
        Temporal date = property.getDate();
        if (date == null) {
            throw new MalformedInputException("an event's " + name + " has no date");
        }
        return date;
    }

    /** The window, in the same temporal type as the event's start, as ical4j needs. */
    private static Period<? extends Temporal> window(Temporal seed, ZonedDateTime from, ZonedDateTime to) {
        if (seed instanceof LocalDate) {
            return new Period<>(from.toLocalDate(), to.toLocalDate());
        } else if (seed instanceof LocalDateTime) {
            return new Period<>(from.toLocalDateTime(), to.toLocalDateTime());
        } else if (seed instanceof Instant) {
            return new Period<>(from.toInstant(), to.toInstant());
        } else if (seed instanceof OffsetDateTime) {
            return new Period<>(from.toOffsetDateTime(), to.toOffsetDateTime());
        }
        return new Period<>(from.withZoneSameInstant(((ZonedDateTime) seed).getZone()),
                to.withZoneSameInstant(((ZonedDateTime) seed).getZone()));
    }

    /**
     * Whether a rule of the event yields more than {@link #MAX_OCCURRENCES} in the window,
     * counted with a limit so that the count itself stays bounded: ical4j's own expansion has
     * none, and {@code FREQ=SECONDLY} over months would fill the heap.
     */
    @SuppressWarnings("unchecked")
    private static boolean tooManyOccurrences(VEvent event, Temporal seed, Period<? extends Temporal> window) {
        for (Property property : event.getProperties(Property.RRULE)) {
            Recur<Temporal> recur = ((RRule<Temporal>) property).getRecur();
            if (tooManyStepsToWindow(recur, seed, window)) {
                return true;
            }
            if (recur.getDates(seed, window.getStart(), window.getEnd(), MAX_OCCURRENCES + 1).size() > MAX_OCCURRENCES) {
                return true;
            }
        }
        return false;
    }

    /** How many periods ical4j may step through from an event's start to the window's end. */
    static final long MAX_RECURRENCE_STEPS = 1_000_000;

    /**
     * ical4j steps from the event's start, not from the window: a SECONDLY rule that started 20
     * years ago walks 600 million seconds before the first occurrence it returns (fuzzing found
     * one taking 56 s). A rule whose period count to the window's end passes
     * {@link #MAX_RECURRENCE_STEPS} is refused, unless a small COUNT ends it first.
     */
    private static boolean tooManyStepsToWindow(Recur<Temporal> recur, Temporal seed, Period<? extends Temporal> window) {
        long unit = switch (recur.getFrequency()) {
            case SECONDLY -> 1;
            case MINUTELY -> 60;
            case HOURLY -> 3_600;
            default -> 0; // daily and longer: at most a few thousand periods a decade
        };
        if (unit == 0 || (recur.getCount() > 0 && recur.getCount() <= MAX_OCCURRENCES)) {
            return false;
        }
        Instant from = roughly(seed);
        Instant to = roughly(window.getEnd());
        if (from == null || to == null) {
            return false;
        }
        long interval = Math.max(1, recur.getInterval());
        return (to.getEpochSecond() - from.getEpochSecond()) / (unit * interval) > MAX_RECURRENCE_STEPS;
    }

    /** @return the instant of {@code t}, UTC for a local date or time (an hour off does not matter here) */
    private static @org.jspecify.annotations.Nullable Instant roughly(Temporal t) {
        return switch (t) {
            case Instant i -> i;
            case ZonedDateTime z -> z.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            case LocalDateTime l -> l.toInstant(java.time.ZoneOffset.UTC);
            case LocalDate d -> d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            default -> null;
        };
    }

    private static Observation observation(VEvent event, String uid, Instant start, Instant end, boolean recurring, Path file) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String summary = value(event, Property.SUMMARY);
        put(attributes, "summary", summary);
        attributes.put("uid", uid);
        attributes.put("start", start.toString());
        attributes.put("end", end.toString());
        put(attributes, "location", value(event, Property.LOCATION));
        event.getProperty(Property.ORGANIZER).ifPresent(p -> put(attributes, "organizer", person((Property) p)));
        List<String> attendees = new ArrayList<>();
        for (Property attendee : event.getProperties(Property.ATTENDEE)) {
            attendees.add(person(attendee));
        }
        put(attributes, "attendees", String.join(", ", attendees));
        attributes.put("recurring", String.valueOf(recurring));
        put(attributes, "status", value(event, Property.STATUS));
        attributes.put("file", file.toString());
        StringBuilder text = new StringBuilder(summary == null ? "(no title)" : summary);
        text.append("\nWhen: ").append(start).append(" to ").append(end);
        if (attributes.containsKey("location")) {
            text.append("\nWhere: ").append(attributes.get("location"));
        }
        if (attributes.containsKey("organizer")) {
            text.append("\nOrganizer: ").append(attributes.get("organizer"));
        }
        if (!attendees.isEmpty()) {
            text.append("\nAttendees: ").append(String.join(", ", attendees));
        }
        String description = value(event, Property.DESCRIPTION);
        if (description != null && !description.isBlank()) {
            text.append("\n\n").append(description.strip());
        }
        return new Observation(occurrenceId(uid, start), "calendar", "event", text.toString(), start, attributes);
    }

    private static Observation withId(Observation o, String id) {
        return new Observation(id, o.source(), o.kind(), o.text(), o.at(), o.attributes());
    }

    private static String occurrenceId(String uid, Instant start) {
        return "calendar:" + uid + "@" + start;
    }

    private static Instant endOf(VEvent event, Instant start, ZoneId zone) throws MalformedInputException {
        Optional<DateProperty<Temporal>> end = event.getProperty(Property.DTEND);
        if (end.isPresent()) {
            return toInstant(dateOf(end.get(), "DTEND"), zone);
        }
        Optional<Property> duration = event.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            try {
                return start.plus(Duration.parse(duration.get().getValue()));
            } catch (RuntimeException e) {
                return start; // a period such as P1D (days only) is not a Duration; keep the start
            }
        }
        return start;
    }

    private static String uid(VEvent event, Path file) {
        String uid = value(event, Property.UID);
        return uid != null && !uid.isBlank() ? uid.strip() : file.getFileName() + ":" + value(event, Property.SUMMARY);
    }

    private static @Nullable String value(VEvent event, String name) {
        Optional<Property> property = event.getProperty(name);
        return property.map(Property::getValue).orElse(null);
    }

    /** "Name <mail>" from an ORGANIZER or ATTENDEE property. */
    private static String person(Property property) {
        String address = property.getValue();
        if (address != null && address.regionMatches(true, 0, "mailto:", 0, 7)) {
            address = address.substring(7);
        }
        Optional<Cn> name = property.getParameter(Parameter.CN);
        return name.map(cn -> cn.getValue() + " <" + property.getValue().replaceFirst("(?i)^mailto:", "") + ">")
                .orElse(address == null ? "" : address);
    }

    static Instant toInstant(Temporal temporal, ZoneId zone) {
        if (temporal instanceof Instant instant) {
            return instant;
        }
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (temporal instanceof LocalDateTime local) {
            return local.atZone(zone).toInstant();
        }
        if (temporal instanceof LocalDate date) {
            return date.atStartOfDay(zone).toInstant();
        }
        throw new IllegalArgumentException("unsupported date type " + temporal.getClass().getSimpleName());
    }

    private static void put(Map<String, String> attributes, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, value.strip());
        }
    }
}
