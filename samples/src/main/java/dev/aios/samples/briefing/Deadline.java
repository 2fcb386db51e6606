package dev.aios.samples.briefing;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deadline a mail states ("by 15:00 today", "by Friday", "within 2 days", "within one week", "no later than 14
 * March"), resolved against the time the mail was sent, so "needs you" can be ordered by urgency
 * and each entry can say by when. Only phrases that tie a time to the request count: a bare
 * weekday or date in the text (a meeting, a delivery) is not a deadline.
 *
 * @param due when it is due, in the mail's zone; a day without a time means the end of that day
 * @param phrase the words the mail used, as written
 * @param timed whether the mail named a time of day (otherwise {@code due} is the day's end)
 */
record Deadline(ZonedDateTime due, String phrase, boolean timed) {
    private static final String WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun";
    private static final String MONTH = "january|february|march|april|may|june|july|august|september|october|november"
            + "|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    // A time is not the start of a dotted date (08.12.2026).
    private static final String CLOCK = "(?:\\d{1,2}[:.]\\d{2}(?![.]\\d)(?:\\s*(?:am|pm|a\\.m\\.|p\\.m\\.))?|\\d{1,2}\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)|noon|midday|midnight)";
    // Longer forms first: the alternation takes the first that matches.
    private static final String DAYWORD = "tomorrow (?:morning|afternoon|evening)|this (?:morning|afternoon|evening)|today|tonight"
            + "|tomorrow|end of (?:the )?day|eod|close of business|cob|end of (?:the )?week"
            + "|(?:this |next )?(?:" + WEEKDAY + ")(?: (?:morning|afternoon|evening|noon|midday))?";
    // Numeric dates as offices write them: 12/03, 12/03/2026, 12-03-2026, 12.03.2026, 2026-03-12, 12-Mar-2026.
    private static final String DATE = "\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[-.](?:" + MONTH + ")[-.]\\d{2,4}"
            + "|\\d{1,2}[-.]\\d{1,2}[-.]\\d{2,4}"
            + "|(?:the )?\\d{1,2}(?:st|nd|rd|th)?(?: of)? (?:" + MONTH + ")|(?:" + MONTH
            + ") \\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?|(?:the )?\\d{1,2}(?:st|nd|rd|th)";
    /** The words that make the time that follows a deadline. */
    private static final String LEAD = "by|before|no later than|not later than|until|till|due(?: on| by)?|deadline(?: is)?:?"
            + "|closes?(?: on| at)?|expires?(?: on| at)?|ends?(?: on)?|latest(?: by)?";
    private static final Pattern AT = Pattern.compile(
            "\\b(?:" + LEAD + "):?\\s+(?:(?:the )?(" + CLOCK + ")(?:\\s+(?:on\\s+)?(" + DAYWORD + "|" + DATE + "))?"
                    + "|(" + DAYWORD + "|" + DATE + ")(?:,?\\s+(?:at\\s+)?(" + CLOCK + "))?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WITHIN = Pattern.compile(
            "\\b(?:within|in the next)\\s+(\\d+|a|one|two|three|four|five|seven|ten|24|48|72)\\s+"
                    + "(working days|business days|school days|banking days|calendar days|days|hours|weeks?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASAP = Pattern.compile("\\b(asap|as soon as possible|right away|immediately|urgently)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, Integer> NUMBERS = Map.of("a", 1, "one", 1, "two", 2, "three", 3, "four", 4, "five", 5,
            "seven", 7, "ten", 10);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /**
     * @param text the mail's subject and body
     * @param sent when the mail was sent, in the user's zone
     * @return the earliest deadline the text states, if any
     */
    static Optional<Deadline> find(String text, ZonedDateTime sent) {
        Deadline best = null;
        String flat = text.replaceAll("\\s+", " ");
        Matcher m = AT.matcher(flat);
        while (m.find()) {
            String clock = m.group(1) != null ? m.group(1) : m.group(4);
            String day = m.group(1) != null ? m.group(2) : m.group(3);
            Deadline d = resolve(m.group().strip(), clock, day, sent);
            if (d != null && (best == null || d.due().isBefore(best.due()))) {
                best = d;
            }
        }
        Matcher w = WITHIN.matcher(flat);
        while (w.find()) {
            String n = w.group(1).toLowerCase(Locale.ROOT);
            int count = NUMBERS.containsKey(n) ? NUMBERS.get(n) : Integer.parseInt(n);
            String unit = w.group(2).toLowerCase(Locale.ROOT);
            ZonedDateTime due = unit.equals("hours") ? sent.plusHours(count)
                    : unit.startsWith("week") ? endOfDay(sent.toLocalDate().plusWeeks(count), sent)
                    : unit.matches("(working|business|school|banking) days") ? endOfDay(workingDays(sent.toLocalDate(), count), sent)
                    : endOfDay(sent.toLocalDate().plusDays(count), sent);
            Deadline d = new Deadline(due, w.group().strip(), unit.equals("hours"));
            if (best == null || d.due().isBefore(best.due())) {
                best = d;
            }
        }
        if (best == null) {
            Matcher a = ASAP.matcher(flat);
            if (a.find()) {
                best = new Deadline(endOfDay(sent.toLocalDate(), sent), a.group(), false);
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return the deadline in words relative to {@code today}: "today 15:00", "tomorrow", "Fri 4 Dec", "overdue since Mon 30 Nov" */
    String describe(LocalDate today) {
        LocalDate day = due.toLocalDate();
        String time = timed ? " " + due.format(HOUR) : "";
        long days = ChronoUnit.DAYS.between(today, day);
        if (days < 0) {
            return "overdue since " + day.format(DAY) + time;
        }
        if (days == 0) {
            return "today" + time;
        }
        if (days == 1) {
            return "tomorrow" + time;
        }
        return day.format(DAY) + time;
    }

    private static Deadline resolve(String phrase, String clock, String dayWords, ZonedDateTime sent) {
        LocalDate day = null;
        LocalTime time = clock == null ? null : time(clock.toLowerCase(Locale.ROOT));
        if (dayWords != null) {
            day = day(dayWords.toLowerCase(Locale.ROOT).strip(), sent);
            if (day == null) {
                return null;
            }
            String lower = dayWords.toLowerCase(Locale.ROOT);
            if (time == null && (lower.endsWith("noon") || lower.endsWith("midday"))) {
                time = LocalTime.NOON;
            } else if (time == null && lower.endsWith("morning")) {
                time = LocalTime.of(12, 0);
            } else if (time == null && lower.endsWith("afternoon")) {
                time = LocalTime.of(17, 0);
            } else if (time == null && (lower.contains("close of business") || lower.equals("cob") || lower.contains("end of")
                    || lower.equals("eod"))) {
                time = LocalTime.of(17, 30);
            }
        } else if (time != null) {
            // "by 3pm" with no day: today, or tomorrow if that time has passed when it was sent.
            day = sent.toLocalTime().isBefore(time) ? sent.toLocalDate() : sent.toLocalDate().plusDays(1);
        }
        if (day == null) {
            return null;
        }
        ZonedDateTime due = time == null ? endOfDay(day, sent) : day.atTime(time).atZone(sent.getZone());
        return new Deadline(due, phrase, time != null);
    }

    private static LocalTime time(String clock) {
        String c = clock.replace(".", ":").replace("a:m:", "am").replace("p:m:", "pm").replace(" ", "");
        if (c.equals("noon") || c.equals("midday")) {
            return LocalTime.NOON;
        }
        if (c.equals("midnight")) {
            return LocalTime.of(23, 59);
        }
        boolean pm = c.endsWith("pm");
        boolean am = c.endsWith("am");
        String digits = c.replaceAll("[^0-9:]", "");
        String[] parts = digits.split(":");
        int hour = Integer.parseInt(parts[0]);
        int minute = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
        if (pm && hour < 12) {
            hour += 12;
        } else if (am && hour == 12) {
            hour = 0;
        }
        if (hour > 23 || minute > 59) {
            return null;
        }
        return LocalTime.of(hour, minute);
    }

    private static LocalDate day(String words, ZonedDateTime sent) {
        LocalDate base = sent.toLocalDate();
        if (words.startsWith("today") || words.startsWith("tonight") || words.startsWith("this ") && !words.matches(
                "this (" + WEEKDAY + ").*") || words.contains("end of day") || words.contains("end of the day")
                || words.equals("eod") || words.contains("close of business") || words.equals("cob")) {
            return base;
        }
        if (words.startsWith("tomorrow")) {
            return base.plusDays(1);
        }
        if (words.contains("end of the week") || words.contains("end of week")) {
            return base.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        }
        Matcher wd = Pattern.compile("(this |next )?(" + WEEKDAY + ")").matcher(words);
        if (wd.lookingAt()) {
            DayOfWeek dow = dayOfWeek(wd.group(2));
            LocalDate d = base.with(TemporalAdjusters.nextOrSame(dow));
            if (d.equals(base) && sent.getHour() >= 12) {
                d = d.plusWeeks(1); // "by Friday" written on a Friday afternoon means next Friday
            }
            if ("next ".equals(wd.group(1)) && d.equals(base)) {
                d = d.plusWeeks(1);
            }
            return d;
        }
        Matcher iso = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})").matcher(words);
        if (iso.matches()) {
            return dated(base, Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
        }
        Matcher dayMonth = Pattern.compile("(\\d{1,2})[-.](" + MONTH + ")[-.]\\d{2,4}").matcher(words);
        if (dayMonth.matches()) {
            return dated(base, month(dayMonth.group(2)).getValue(), Integer.parseInt(dayMonth.group(1)));
        }
        Matcher slash = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})(?:[/.-](\\d{2,4}))?").matcher(words);
        if (slash.matches()) {
            // Day first, as most of the world writes it; a month above 12 means the writer was American.
            int a = Integer.parseInt(slash.group(1));
            int b = Integer.parseInt(slash.group(2));
            int dayOfMonth = b > 12 ? b : a;
            int month = b > 12 ? a : b;
            return dated(base, month, dayOfMonth);
        }
        Matcher named = Pattern.compile("(?:the )?(\\d{1,2})(?:st|nd|rd|th)?(?: of)? (" + MONTH + ")|(" + MONTH
                + ") (\\d{1,2})(?:st|nd|rd|th)?").matcher(words);
        if (named.matches()) {
            String month = named.group(2) != null ? named.group(2) : named.group(3);
            int dayOfMonth = Integer.parseInt(named.group(1) != null ? named.group(1) : named.group(4));
            return dated(base, month(month).getValue(), dayOfMonth);
        }
        Matcher ordinal = Pattern.compile("(?:the )?(\\d{1,2})(st|nd|rd|th)").matcher(words);
        if (ordinal.matches()) {
            int dayOfMonth = Integer.parseInt(ordinal.group(1));
            if (dayOfMonth < 1 || dayOfMonth > 31) {
                return null;
            }
            LocalDate d = base.withDayOfMonth(Math.min(dayOfMonth, base.lengthOfMonth()));
            return d.isBefore(base) ? d.plusMonths(1) : d;
        }
        return null;
    }

    private static LocalDate dated(LocalDate base, int month, int dayOfMonth) {
        if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) {
            return null;
        }
        LocalDate d = LocalDate.of(base.getYear(), month, Math.min(dayOfMonth, Month.of(month).length(base.isLeapYear())));
        // A date well before the mail was sent means next year's (a December mail asking "by 10 January").
        return d.isBefore(base.minusDays(60)) ? d.plusYears(1) : d;
    }

    private static DayOfWeek dayOfWeek(String word) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(word.substring(0, 3))) {
                return d;
            }
        }
        throw new IllegalArgumentException(word);
    }

    private static Month month(String word) {
        for (Month m : Month.values()) {
            if (m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(word.substring(0, 3))) {
                return m;
            }
        }
        throw new IllegalArgumentException(word);
    }

    private static LocalDate workingDays(LocalDate from, int count) {
        LocalDate d = from;
        int left = count;
        while (left > 0) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }

    private static ZonedDateTime endOfDay(LocalDate day, ZonedDateTime sent) {
        return day.atTime(LocalTime.of(23, 59)).atZone(sent.getZone());
    }
}
