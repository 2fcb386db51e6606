package dev.aios.sensors;

import dev.aios.api.AiOsException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a {@link ClockSensor} fires, written in a small language:
 * <pre>
 * schedule := "every" days "at" times
 * days     := "day" | "weekday" | "weekend" | dayname (("," | "and") dayname)*
 * dayname  := "monday" .. "sunday", or "mon" .. "sun" (a plural "mondays" is fine)
 * times    := time (("," | "and") time)*
 * time     := H[:MM] [ "am" | "pm" ]  |  "noon"  |  "midnight"      (24-hour without am/pm)
 * </pre>
 * Examples: {@code every weekday at 8:00}, {@code every day at 18:30},
 * {@code every monday at 9:00}, {@code every tue and thu at 9am, 2:30pm}. Words are
 * case-insensitive; times are local to the clock's zone.
 *
 * @param name what fires, such as {@code morning-briefing}
 * @param rule the schedule as written
 * @param days the days it fires on (copied)
 * @param times the times of day it fires at, ascending (copied)
 */
public record Schedule(String name, String rule, Set<DayOfWeek> days, List<LocalTime> times) {
    private static final Pattern FORM = Pattern.compile("(?i)^\\s*every\\s+(.+?)\\s+at\\s+(.+?)\\s*$");
    private static final Pattern TIME = Pattern.compile("(?i)^(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?$");
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();

    /** Validates and copies. */
    public Schedule {
        if (name == null || name.isBlank() || rule == null) {
            throw AiOsException.permanent("a schedule needs a name and a rule, was name=" + name + " rule=" + rule);
        }
        if (days.isEmpty() || times.isEmpty()) {
            throw AiOsException.permanent("schedule '" + name + "' needs at least one day and one time");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        times = List.copyOf(new TreeSet<>(times));
    }

    /**
     * @param name what fires
     * @param rule the schedule, such as {@code every weekday at 8:00}
     * @return the parsed schedule
     * @throws AiOsException if the rule does not follow the language; the message names the bad word
     */
    public static Schedule parse(String name, String rule) {
        Matcher form = FORM.matcher(rule == null ? "" : rule);
        if (!form.matches()) {
            throw AiOsException.permanent("schedule '" + name + "': '" + rule + "' is not of the form 'every <days> at <times>',"
                    + " such as 'every weekday at 8:00'");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String word : split(form.group(1))) {
            switch (word) {
                case "day", "days" -> days.addAll(EnumSet.allOf(DayOfWeek.class));
                case "weekday", "weekdays" -> days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
                case "weekend", "weekends" -> days.addAll(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
                default -> {
                    DayOfWeek day = DAY_NAMES.get(word.endsWith("s") && !DAY_NAMES.containsKey(word)
                            ? word.substring(0, word.length() - 1) : word);
                    if (day == null) {
                        throw AiOsException.permanent("schedule '" + name + "': '" + word + "' in '" + rule + "' is not a day;"
                                + " use day, weekday, weekend or a day name such as monday");
                    }
                    days.add(day);
                }
            }
        }
        List<LocalTime> times = new ArrayList<>();
        for (String word : split(form.group(2))) {
            times.add(time(name, rule, word));
        }
        return new Schedule(name, rule.strip(), days, times);
    }

    /** @return the first time this schedule fires strictly after {@code after}, in {@code after}'s zone */
    public ZonedDateTime next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        LocalDate day = after.toLocalDate();
        for (int i = 0; i <= 7; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            for (LocalTime time : times) {
                // atZone moves a time inside a DST gap forward, so it still fires that day.
                ZonedDateTime candidate = day.atTime(time).atZone(zone);
                if (candidate.isAfter(after)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("schedule '" + name + "' has no time within a week of " + after);
    }

    private static List<String> split(String list) {
        List<String> words = new ArrayList<>();
        for (String word : list.toLowerCase(Locale.ROOT).split("\\s*(,|\\band\\b)\\s*")) {
            if (!word.isBlank()) {
                words.add(word.strip());
            }
        }
        return words;
    }

    private static LocalTime time(String name, String rule, String word) {
        if (word.equals("noon")) {
            return LocalTime.NOON;
        }
        if (word.equals("midnight")) {
            return LocalTime.MIDNIGHT;
        }
        Matcher m = TIME.matcher(word);
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            String half = m.group(3) == null ? null : m.group(3).toLowerCase(Locale.ROOT);
            boolean valid = minute < 60 && (half == null ? hour < 24 : hour >= 1 && hour <= 12);
            if (valid) {
                if (half != null) {
                    hour = hour % 12 + (half.equals("pm") ? 12 : 0);
                }
                return LocalTime.of(hour, minute);
            }
        }
        throw AiOsException.permanent("schedule '" + name + "': '" + word + "' in '" + rule + "' is not a time;"
                + " use 8:00, 18:30, 9am, 2:30pm, noon or midnight");
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new java.util.HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String full = day.name().toLowerCase(Locale.ROOT);
            names.put(full, day);
            names.put(full.substring(0, 3), day);
        }
        names.put("tues", DayOfWeek.TUESDAY);
        names.put("thur", DayOfWeek.THURSDAY);
        names.put("thurs", DayOfWeek.THURSDAY);
        return Map.copyOf(names);
    }
}
