package dev.aios.memory.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads relative time phrases in a query ("yesterday", "last week", "in the past 3 days") as a
 * window of instants, relative to a given now, so "what did I do last week" searches last week.
 */
final class TimeWindows {
    private TimeWindows() {}

    /** A half-open window [from, to) and the phrase it was read from. */
    record Window(Instant from, Instant to, String phrase) {}

    private static final Pattern PAST_N = Pattern.compile(
            "\\b(?:in the )?(?:past|last)\\s+(\\d{1,3})\\s+(day|days|week|weeks|month|months|hour|hours)\\b");
    private static final Pattern FIXED = Pattern.compile(
            "\\b(today|yesterday|this week|last week|this month|last month|this year|last year)\\b");

    /** @return the window of the first time phrase in {@code query}, read in {@code zone} relative to {@code now} */
    static Optional<Window> find(String query, Instant now, ZoneId zone) {
        String q = query.toLowerCase(Locale.ROOT);
        ZonedDateTime z = now.atZone(zone);
        LocalDate today = z.toLocalDate();
        Matcher m = PAST_N.matcher(q);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            String unit = m.group(2);
            ZonedDateTime from = unit.startsWith("hour") ? z.minusHours(n)
                    : unit.startsWith("day") ? z.minusDays(n)
                    : unit.startsWith("week") ? z.minusWeeks(n) : z.minusMonths(n);
            return Optional.of(new Window(from.toInstant(), now.plusMillis(1), m.group()));
        }
        m = FIXED.matcher(q);
        if (!m.find()) {
            return Optional.empty();
        }
        LocalDate from;
        LocalDate to;
        switch (m.group(1)) {
            case "today" -> { from = today; to = today.plusDays(1); }
            case "yesterday" -> { from = today.minusDays(1); to = today; }
            case "this week" -> { from = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); to = today.plusDays(1); }
            case "last week" -> {
                to = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                from = to.minusWeeks(1);
            }
            case "this month" -> { from = today.withDayOfMonth(1); to = today.plusDays(1); }
            case "last month" -> { to = today.withDayOfMonth(1); from = to.minusMonths(1); }
            case "this year" -> { from = today.withDayOfYear(1); to = today.plusDays(1); }
            default -> { to = today.withDayOfYear(1); from = to.minusYears(1); }
        }
        return Optional.of(new Window(from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant(), m.group(1)));
    }
}
