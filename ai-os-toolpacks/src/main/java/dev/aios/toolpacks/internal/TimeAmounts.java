package dev.aios.toolpacks.internal;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts of time as people and ISO-8601 write them ({@code "3 days"}, {@code "-90 minutes"},
 * {@code "2 hours 30 minutes"}, {@code "P2W"}, {@code "PT90M"}), read into a calendar part
 * (years, months, days) and a clock part (hours and less), and durations written back in words.
 */
public final class TimeAmounts {
    /** A calendar part and a clock part; either may be zero. */
    public record Amount(Period period, Duration duration) {
        /** @return the amount as one duration, a day counted as 24 hours; months and years refused */
        public Duration asDuration(String argument) {
            if (period.getYears() != 0 || period.getMonths() != 0) {
                throw new IllegalArgumentException("argument '" + argument + "': months and years have no fixed"
                        + " length; give days, hours or minutes");
            }
            return duration.plusDays(period.getDays());
        }
    }

    private static final Pattern PART = Pattern.compile(
            "([+-]?\\d+(?:\\.\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half an?)\\s*"
                    + "([a-z]+)");
    static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12));

    private TimeAmounts() {}

    /**
     * @param text e.g. {@code "3 days"}, {@code "-90 minutes"}, {@code "1 week and 2 days"}, {@code "P2W"}
     * @param argument names the argument in errors
     * @throws IllegalArgumentException naming the argument when the text is not an amount of time
     */
    public static Amount parse(String text, String argument) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        boolean negative = false;
        if (t.startsWith("-") && (t.length() > 1 && (t.charAt(1) == 'p'))) {
            negative = true;
            t = t.substring(1);
        }
        if (t.startsWith("p")) {
            return iso(t.toUpperCase(Locale.ROOT), negative, text, argument);
        }
        if (t.startsWith("minus ")) {
            negative = true;
            t = t.substring(6);
        }
        t = t.replaceAll("\\b(and|,)\\b", " ").replace(",", " ").strip();
        Matcher m = PART.matcher(t);
        Period period = Period.ZERO;
        Duration duration = Duration.ZERO;
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (!t.substring(end, m.start()).isBlank()) {
                break;
            }
            String number = m.group(1);
            double n = number.startsWith("half") ? 0.5 : WORDS.containsKey(number) ? WORDS.get(number)
                    : Double.parseDouble(number);
            String unit = m.group(2);
            switch (unitOf(unit)) {
                case "year" -> period = period.plusYears(whole(n, unit, argument));
                case "month" -> period = period.plusMonths(whole(n, unit, argument));
                case "week" -> period = period.plusDays(whole(n * 7, unit, argument));
                case "fortnight" -> period = period.plusDays(whole(n * 14, unit, argument));
                case "day" -> period = period.plusDays(whole(n, unit, argument));
                case "hour" -> duration = duration.plus(Duration.ofMillis(Math.round(n * 3_600_000)));
                case "minute" -> duration = duration.plus(Duration.ofMillis(Math.round(n * 60_000)));
                case "second" -> duration = duration.plus(Duration.ofMillis(Math.round(n * 1000)));
                default -> throw new IllegalArgumentException("argument '" + argument + "': '" + unit
                        + "' is not a unit of time (use years, months, weeks, days, hours, minutes, seconds)");
            }
            end = m.end();
            any = true;
        }
        if (!any || !t.substring(end).isBlank()) {
            throw new IllegalArgumentException("argument '" + argument + "': cannot read '" + text
                    + "' as an amount of time; write e.g. '3 days', '-90 minutes', '2 hours 30 minutes' or 'P2W'");
        }
        return negative ? new Amount(period.negated(), duration.negated()) : new Amount(period, duration);
    }

    /** @return the canonical unit of {@code word}, or {@code word} itself when it is none */
    static String unitOf(String word) {
        return switch (word) {
            case "y", "yr", "yrs", "year", "years" -> "year";
            case "mo", "mon", "month", "months" -> "month";
            case "w", "wk", "wks", "week", "weeks" -> "week";
            case "fortnight", "fortnights" -> "fortnight";
            case "d", "day", "days" -> "day";
            case "h", "hr", "hrs", "hour", "hours" -> "hour";
            case "m", "min", "mins", "minute", "minutes" -> "minute";
            case "s", "sec", "secs", "second", "seconds" -> "second";
            default -> word;
        };
    }

    private static long whole(double n, String unit, String argument) {
        if (n != Math.rint(n)) {
            throw new IllegalArgumentException("argument '" + argument + "': give whole " + unit
                    + " (or use a smaller unit)");
        }
        return (long) n;
    }

    private static Amount iso(String t, boolean negative, String text, String argument) {
        try {
            int time = t.indexOf('T');
            Period p = time == 1 ? Period.ZERO : Period.parse(time < 0 ? t : t.substring(0, time));
            Duration d = time < 0 ? Duration.ZERO : Duration.parse("PT" + t.substring(time + 1));
            return negative ? new Amount(p.negated(), d.negated()) : new Amount(p, d);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("argument '" + argument + "': '" + text
                    + "' is not an ISO-8601 duration such as P2W, P1DT2H or PT90M");
        }
    }

    /** @return {@code d} in words, largest units first, e.g. {@code "2 days 3 hours 5 minutes"} */
    public static String words(Duration d) {
        if (d.isZero()) {
            return "0 seconds";
        }
        Duration a = d.abs();
        StringBuilder out = new StringBuilder(d.isNegative() ? "minus " : "");
        part(out, a.toDays(), "day");
        part(out, a.toHoursPart(), "hour");
        part(out, a.toMinutesPart(), "minute");
        part(out, a.toSecondsPart(), "second");
        if (out.isEmpty() || out.toString().equals("minus ")) {
            out.append(a.toMillis()).append(" milliseconds");
        }
        return out.toString().strip();
    }

    /** @return {@code p} in words, e.g. {@code "1 year 2 months 3 days"} */
    public static String words(Period p) {
        if (p.isZero()) {
            return "0 days";
        }
        StringBuilder out = new StringBuilder(p.isNegative() ? "minus " : "");
        Period a = p.isNegative() ? p.negated() : p;
        part(out, a.getYears(), "year");
        part(out, a.getMonths(), "month");
        part(out, a.getDays(), "day");
        return out.toString().strip();
    }

    private static void part(StringBuilder out, long n, String unit) {
        if (n != 0) {
            out.append(n).append(' ').append(unit).append(n == 1 ? "" : "s").append(' ');
        }
    }
}
