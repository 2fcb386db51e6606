package dev.aios.toolpacks.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a date or time the way people write it, relative to now: ISO forms ({@code 2026-03-04},
 * {@code 2026-03-04T15:00}, with an offset or zone), and common English phrases ({@code "next
 * friday at 3pm"}, {@code "in 2 weeks"}, {@code "tomorrow morning"}, {@code "March 4"},
 * {@code "end of month"}, {@code "3 days ago"}). No maintained Java library does this (Natty was
 * last released in 2017), so this is a small hand-written reader; what it cannot read is an error
 * that lists the forms it knows.
 *
 * <p>Choices: a weekday alone or with {@code this} is the next one on or after today; {@code next
 * friday} is the next one after today; a month and day without a year is the next such day on or
 * after today; morning is 09:00, afternoon 15:00, evening 19:00, night and tonight 21:00; weeks
 * start on Monday and end on Sunday.
 */
public final class TimePhrases {
    /** A phrase read: the moment, and whether the phrase named a time of day (else it is a date). */
    public record Reading(ZonedDateTime at, boolean hasTime) {}

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("monday", DayOfWeek.MONDAY), Map.entry("mon", DayOfWeek.MONDAY),
            Map.entry("tuesday", DayOfWeek.TUESDAY), Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("tues", DayOfWeek.TUESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("thu", DayOfWeek.THURSDAY), Map.entry("thur", DayOfWeek.THURSDAY),
            Map.entry("thurs", DayOfWeek.THURSDAY), Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sat", DayOfWeek.SATURDAY), Map.entry("sunday", DayOfWeek.SUNDAY),
            Map.entry("sun", DayOfWeek.SUNDAY));
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    private static final String MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
            + "|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

    private static final Pattern CLOCK = Pattern.compile(
            "(?:\\bat\\s+)?\\b(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm|a\\.m\\.?|p\\.m\\.?)(?=\\s|$)"
                    + "|(?:\\bat\\s+)?\\b(\\d{1,2}):(\\d{2})\\b|\\bat\\s+(\\d{1,2})\\b(?!\\s*(?:st|nd|rd|th)\\b)");
    private static final Pattern PART_OF_DAY = Pattern.compile(
            "(?:\\b(?:this|in the|at)\\s+)?\\b(morning|afternoon|evening|night|tonight|noon|midday|midnight)\\b");
    private static final Pattern RELATIVE = Pattern.compile(
            "^(?:in\\s+)?(\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half an?|a couple of)"
                    + "\\s+([a-z]+)(?:\\s+(ago|from now|from today|later|hence|before|earlier))?$");
    private static final Pattern WEEKDAY = Pattern.compile("^(?:(this|next|last|coming|past)\\s+)?([a-z]+)"
            + "(?:\\s+(next|last|this)\\s+week)?$");
    private static final Pattern NAMED_PERIOD = Pattern.compile("^(this|next|last)\\s+(week|month|year)$");
    private static final Pattern EDGE = Pattern.compile(
            "^(end|start|beginning)\\s+of\\s+(?:the\\s+)?(?:(this|next|last)\\s+)?(day|week|month|year)$");
    private static final Pattern MONTH_DAY = Pattern.compile("^" + MONTH + "\\s+" + DAY + "(?:\\s+(\\d{4}))?$");
    private static final Pattern DAY_MONTH = Pattern.compile("^" + DAY + "\\s+(?:of\\s+)?" + MONTH
            + "(?:\\s+(\\d{4}))?$");
    private static final Pattern ORDINAL = Pattern.compile("^(\\d{1,2})(?:st|nd|rd|th)$");

    private TimePhrases() {}

    /**
     * @param text the phrase or ISO text
     * @param now the moment the phrase is relative to (its zone is the user's)
     * @return the moment it names
     * @throws IllegalArgumentException if the phrase is not one this reader knows
     */
    public static Reading read(String text, ZonedDateTime now) {
        Reading iso = iso(text.strip(), now.getZone());
        if (iso != null) {
            return iso;
        }
        String t = text.toLowerCase(Locale.ROOT).replace(",", " ").replaceAll("\\.$", "").replaceAll("\\s+", " ")
                .strip();
        LocalTime time = null;
        Matcher clock = CLOCK.matcher(t);
        if (clock.find()) {
            time = clockOf(clock, text);
            t = (t.substring(0, clock.start()) + " " + t.substring(clock.end())).strip();
        }
        Matcher part = PART_OF_DAY.matcher(t);
        if (part.find()) {
            LocalTime named = switch (part.group(1)) {
                case "morning" -> LocalTime.of(9, 0);
                case "afternoon" -> LocalTime.of(15, 0);
                case "evening" -> LocalTime.of(19, 0);
                case "noon", "midday" -> LocalTime.NOON;
                case "midnight" -> LocalTime.MIDNIGHT;
                default -> LocalTime.of(21, 0);
            };
            if (time == null) {
                time = named;
            } else if (time.getHour() < 12 && named.getHour() >= 15) {
                time = time.plusHours(12); // "at 8 in the evening"
            }
            t = (t.substring(0, part.start()) + " " + t.substring(part.end())).strip();
        }
        t = t.replaceAll("^(on|at|by|the)\\s+", "").replaceAll("\\s+(at|on)$", "").strip();
        if (t.equals("now") || t.equals("right now")) {
            return new Reading(now.withNano(0), true);
        }
        Reading relative = relative(t, now);
        if (relative != null) {
            return relative.hasTime() || time == null ? relative
                    : new Reading(relative.at().with(time), true);
        }
        LocalDate date = t.isEmpty() ? now.toLocalDate() : date(t, now.toLocalDate());
        if (date == null) {
            throw new IllegalArgumentException("cannot read '" + text + "' as a date or time; write e.g. '2026-03-04',"
                    + " '2026-03-04T15:00', 'tomorrow 3pm', 'next friday', 'in 2 weeks', '3 days ago', 'March 4',"
                    + " 'end of month' or 'tonight'");
        }
        return time == null ? new Reading(date.atStartOfDay(now.getZone()), false)
                : new Reading(date.atTime(time).atZone(now.getZone()), true);
    }

    /** @return the ISO reading of {@code text}, or null when it is not ISO */
    private static @Nullable Reading iso(String text, ZoneId zone) {
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + "T" + text.substring(11) : text;
        try {
            return new Reading(ZonedDateTime.parse(t), true);
        } catch (DateTimeParseException e) {
            // not a zoned or offset date-time
        }
        try {
            return new Reading(OffsetDateTime.parse(t).toZonedDateTime(), true);
        } catch (DateTimeParseException e) {
            // not an offset date-time
        }
        try {
            return new Reading(LocalDateTime.parse(t).atZone(zone), true);
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return new Reading(LocalDate.parse(t).atStartOfDay(zone), false);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime clockOf(Matcher m, String text) {
        int hour;
        int minute = 0;
        if (m.group(1) != null) {
            hour = Integer.parseInt(m.group(1));
            minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            boolean pm = m.group(3).startsWith("p");
            if (hour < 1 || hour > 12) {
                throw new IllegalArgumentException("'" + text + "': " + hour + " is not an hour on a 12-hour clock");
            }
            hour = hour % 12 + (pm ? 12 : 0);
        } else if (m.group(4) != null) {
            hour = Integer.parseInt(m.group(4));
            minute = Integer.parseInt(m.group(5));
        } else {
            hour = Integer.parseInt(m.group(6));
        }
        if (hour > 23 || minute > 59) {
            throw new IllegalArgumentException("'" + text + "': " + hour + ":" + minute + " is not a time of day");
        }
        return LocalTime.of(hour, minute);
    }

    private static @Nullable Reading relative(String t, ZonedDateTime now) {
        Matcher m = RELATIVE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        boolean back = m.group(3) != null && (m.group(3).equals("ago") || m.group(3).equals("before")
                || m.group(3).equals("earlier"));
        if (m.group(3) == null && !t.startsWith("in ")) {
            return null; // "3 days" alone is an amount, not a moment
        }
        String number = m.group(1).equals("a couple of") ? "2" : m.group(1);
        TimeAmounts.Amount amount = TimeAmounts.parse(number + " " + m.group(2), "text");
        ZonedDateTime at = back ? now.minus(amount.period()).minus(amount.duration())
                : now.plus(amount.period()).plus(amount.duration());
        boolean clock = !amount.duration().isZero();
        return clock ? new Reading(at.withNano(0), true) : new Reading(at.toLocalDate().atStartOfDay(now.getZone()), false);
    }

    private static @Nullable LocalDate date(String t, LocalDate today) {
        switch (t) {
            case "today", "tonight" -> {
                return today;
            }
            case "tomorrow", "tmrw", "tmr" -> {
                return today.plusDays(1);
            }
            case "yesterday" -> {
                return today.minusDays(1);
            }
            case "day after tomorrow", "the day after tomorrow" -> {
                return today.plusDays(2);
            }
            case "day before yesterday", "the day before yesterday" -> {
                return today.minusDays(2);
            }
            default -> {
                // the patterns below
            }
        }
        Matcher m = NAMED_PERIOD.matcher(t);
        if (m.matches()) {
            int step = m.group(1).equals("next") ? 1 : m.group(1).equals("last") ? -1 : 0;
            return switch (m.group(2)) {
                case "week" -> today.with(DayOfWeek.MONDAY).plusWeeks(step);
                case "month" -> today.withDayOfMonth(1).plusMonths(step);
                default -> today.withDayOfYear(1).plusYears(step);
            };
        }
        m = EDGE.matcher(t);
        if (m.matches()) {
            int step = m.group(2) == null ? 0 : m.group(2).equals("next") ? 1 : m.group(2).equals("last") ? -1 : 0;
            boolean end = m.group(1).equals("end");
            return switch (m.group(3)) {
                case "day" -> today;
                case "week" -> today.plusWeeks(step).with(end ? DayOfWeek.SUNDAY : DayOfWeek.MONDAY);
                case "month" -> end ? today.plusMonths(step).with(TemporalAdjusters.lastDayOfMonth())
                        : today.plusMonths(step).withDayOfMonth(1);
                default -> end ? today.plusYears(step).with(TemporalAdjusters.lastDayOfYear())
                        : today.plusYears(step).withDayOfYear(1);
            };
        }
        m = WEEKDAY.matcher(t);
        if (m.matches() && WEEKDAYS.containsKey(m.group(2))) {
            DayOfWeek day = WEEKDAYS.get(m.group(2));
            if (m.group(3) != null) { // "friday next week"
                int step = m.group(3).equals("next") ? 1 : m.group(3).equals("last") ? -1 : 0;
                return today.with(DayOfWeek.MONDAY).plusWeeks(step).with(day);
            }
            String which = m.group(1) == null ? "this" : m.group(1);
            return switch (which) {
                case "next" -> today.with(TemporalAdjusters.next(day));
                case "last", "past" -> today.with(TemporalAdjusters.previous(day));
                default -> today.with(TemporalAdjusters.nextOrSame(day));
            };
        }
        m = MONTH_DAY.matcher(t);
        if (m.matches()) {
            return monthDay(month(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), today, t);
        }
        m = DAY_MONTH.matcher(t);
        if (m.matches()) {
            return monthDay(month(m.group(2)), Integer.parseInt(m.group(1)), m.group(3), today, t);
        }
        m = ORDINAL.matcher(t);
        if (m.matches()) { // "the 15th": this month's, or next month's when it has passed
            int day = Integer.parseInt(m.group(1));
            LocalDate candidate = safeDate(today.getYear(), today.getMonthValue(), day, t);
            return candidate.isBefore(today) ? safeDate(today.plusMonths(1).getYear(),
                    today.plusMonths(1).getMonthValue(), day, t) : candidate;
        }
        return null;
    }

    private static int month(String name) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (name.startsWith(MONTHS[i])) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a month");
    }

    private static LocalDate monthDay(int month, int day, @Nullable String year, LocalDate today, String t) {
        if (year != null) {
            return safeDate(Integer.parseInt(year), month, day, t);
        }
        LocalDate candidate = safeDate(today.getYear(), month, day, t);
        return candidate.isBefore(today) ? safeDate(today.getYear() + 1, month, day, t) : candidate;
    }

    private static LocalDate safeDate(int year, int month, int day, String t) {
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + t + "' is not a date: " + e.getMessage());
        }
    }
}
