package dev.aios.toolpacks;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.TimeAmounts;
import dev.aios.toolpacks.internal.TimePhrases;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Date and time tools on {@code java.time}: the time now, zone conversion, adding amounts, the
 * time between two moments, natural phrases such as {@code "next friday at 3pm"}, facts about a
 * date, and working days. Every tool computes from its arguments and the clock alone, so results
 * are labelled trusted and the tools are read-only.
 * {@snippet :
 * ToolPack time = TimePack.builder()
 *         .zone(ZoneId.of("Europe/Paris")) // default: the system's zone
 *         .build();
 * }
 * Every date or time argument takes ISO forms ({@code 2026-03-04}, {@code 2026-03-04T15:00},
 * with an offset or a {@code [zone]}) or a phrase that {@code time.parse} reads.
 */
public final class TimePack {
    private TimePack() {}

    /** @return a builder; the defaults are the system clock and zone */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a time pack. */
    public static final class Builder {
        private Clock clock = Clock.systemDefaultZone();
        private ZoneId zone = ZoneId.systemDefault();

        private Builder() {}

        /** Sets the clock "now" is read from (default: the system clock); tests pass a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the user's time zone, used when an argument names none (default: the system's zone). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** @return the pack {@code time} */
        public ToolPack build() {
            return new Tools(clock, zone).pack();
        }
    }

    private record Tools(Clock clock, ZoneId zone) {
        ToolPack pack() {
            return Pack.named("time").examples(TimePack.class)
                    .tool("time.now", "Get the current date and time (today's date, what time it is now), in the"
                            + " user's time zone or a given one such as Asia/Tokyo.",
                            Schema.object().string("zone", "an IANA time zone such as Europe/Paris; default the user's")
                                    .json(), ToolRisk.READ_ONLY, Pack.Output.COMPUTED,
                            args -> ToolResult.success(Json.text(describe(now(zone(args, "zone"))))))
                    .tool("time.convert", "Convert a date and time from one time zone to another: what time it is"
                            + " in another city or time zone, or what 3pm in London is in New York. Zones are IANA"
                            + " names such as America/New_York.",
                            Schema.object().string("datetime", "the date-time, ISO or a phrase such as 'tomorrow 3pm'")
                                    .string("from", "its time zone when the date-time names none; default the user's")
                                    .string("to", "the time zone to convert to").required("datetime", "to").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, args -> {
                                ZoneId from = zone(args, "from");
                                ZonedDateTime at = read(args, "datetime", from).at();
                                return ToolResult.success(Json.text(Map.of("from", describe(at),
                                        "to", describe(at.withZoneSameInstant(zone(args, "to"))))));
                            })
                    .tool("time.add", "Add or subtract an amount of time (such as '3 days', '-90 minutes' or '2"
                            + " weeks') to or from a date or time, e.g. the date 45 days from now. To read a phrase"
                            + " like 'next friday', use time.parse.",
                            Schema.object().string("datetime", "the start, ISO or a phrase; default now")
                                    .string("amount", "e.g. '3 days', '-90 minutes', '2 hours 30 minutes', 'P2W'")
                                    .string("zone", "the time zone when the start names none; default the user's")
                                    .required("amount").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, this::add)
                    .tool("time.between", "Count the time between two dates or times (how long until or since a"
                            + " date): days, hours and in words. For business days only, use time.workdays.",
                            Schema.object().string("start", "the earlier moment, ISO or a phrase")
                                    .string("end", "the later moment, ISO or a phrase; default now")
                                    .string("zone", "the time zone when they name none; default the user's")
                                    .required("start").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, this::between)
                    .tool("time.parse", "Turn an everyday date phrase such as 'next friday at 3pm', 'in 2 weeks',"
                            + " 'tomorrow morning', 'March 4' or 'end of month' into an exact ISO date and time,"
                            + " relative to now.",
                            Schema.object().string("text", "the phrase")
                                    .string("zone", "the time zone it is meant in; default the user's")
                                    .required("text").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, args -> {
                                TimePhrases.Reading r = read(args, "text", zone(args, "zone"));
                                Map<String, Object> out = describe(r.at());
                                out.put("hasTime", r.hasTime());
                                return ToolResult.success(Json.text(out));
                            })
                    .tool("time.info", "Tell facts about a date: which day of the week it is, the ISO week number,"
                            + " day of the year, quarter, days in its month and whether its year is a leap year.",
                            Schema.object().string("date", "the date, ISO or a phrase; default today").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, this::info)
                    .tool("time.workdays", "Count business (working) days between two dates, Monday to Friday less"
                            + " the holidays given, or find the date a number of business days after or before a"
                            + " date.",
                            Schema.object().string("start", "the first date, ISO or a phrase")
                                    .string("end", "count the working days from start to this date, both included")
                                    .integer("days", "instead of end: the date this many working days after start"
                                            + " (negative: before)")
                                    .strings("holidays", "dates (ISO) that are not working days")
                                    .required("start").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, this::workdays)
                    .build();
        }

        private ZonedDateTime now(ZoneId in) {
            return ZonedDateTime.now(clock).withZoneSameInstant(in);
        }

        private ZoneId zone(Map<String, Object> args, String name) {
            String id = Args.string(args, name, null);
            if (id == null) {
                return zone;
            }
            try {
                return ZoneId.of(id.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("argument '" + name + "': '" + id + "' is not a time zone; use an"
                        + " IANA name such as Europe/Paris or America/New_York, or an offset such as +02:00");
            }
        }

        private TimePhrases.Reading read(Map<String, Object> args, String name, ZoneId in) {
            String text = Args.string(args, name);
            try {
                return TimePhrases.read(text, now(in));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument '" + name + "': " + e.getMessage());
            }
        }

        private TimePhrases.Reading readOrNow(Map<String, Object> args, String name, ZoneId in) {
            return args.containsKey(name) ? read(args, name, in) : new TimePhrases.Reading(now(in).withNano(0), true);
        }

        private ToolResult add(Map<String, Object> args) {
            TimePhrases.Reading start = readOrNow(args, "datetime", zone(args, "zone"));
            TimeAmounts.Amount amount = TimeAmounts.parse(Args.string(args, "amount"), "amount");
            ZonedDateTime at = start.at().plus(amount.period()).plus(amount.duration());
            Map<String, Object> out = describe(at);
            if (!start.hasTime() && amount.duration().isZero()) {
                out.put("iso", at.toLocalDate().toString());
            }
            return ToolResult.success(Json.text(out));
        }

        private ToolResult between(Map<String, Object> args) {
            ZoneId in = zone(args, "zone");
            TimePhrases.Reading start = read(args, "start", in);
            TimePhrases.Reading end = readOrNow(args, "end", in);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("start", start.at().toOffsetDateTime().toString());
            out.put("end", end.at().toOffsetDateTime().toString());
            if (!start.hasTime() && !end.hasTime()) {
                LocalDate a = start.at().toLocalDate();
                LocalDate b = end.at().toLocalDate();
                long days = ChronoUnit.DAYS.between(a, b);
                out.put("days", days);
                out.put("weeks", Math.round(days / 7.0 * 100) / 100.0);
                out.put("inWords", TimeAmounts.words(Period.between(a, b)));
            } else {
                Duration d = Duration.between(start.at(), end.at());
                out.put("days", Math.round(d.toSeconds() / 864.0) / 100.0);
                out.put("hours", Math.round(d.toSeconds() / 36.0) / 100.0);
                out.put("minutes", d.toMinutes());
                out.put("seconds", d.toSeconds());
                out.put("inWords", TimeAmounts.words(d));
            }
            return ToolResult.success(Json.text(out));
        }

        private ToolResult info(Map<String, Object> args) {
            LocalDate d = (args.containsKey("date") ? read(args, "date", zone) : new TimePhrases.Reading(now(zone), true))
                    .at().toLocalDate();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("date", d.toString());
            out.put("weekday", d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            out.put("isoWeek", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            out.put("isoWeekYear", d.get(IsoFields.WEEK_BASED_YEAR));
            out.put("dayOfYear", d.getDayOfYear());
            out.put("quarter", d.get(IsoFields.QUARTER_OF_YEAR));
            out.put("daysInMonth", d.lengthOfMonth());
            out.put("daysInYear", d.lengthOfYear());
            out.put("leapYear", d.isLeapYear());
            out.put("weekend", d.getDayOfWeek().getValue() >= 6);
            return ToolResult.success(Json.text(out));
        }

        private ToolResult workdays(Map<String, Object> args) {
            LocalDate start = read(args, "start", zone).at().toLocalDate();
            Set<LocalDate> holidays = new HashSet<>();
            for (String h : Args.strings(args, "holidays")) {
                try {
                    holidays.add(LocalDate.parse(h.strip()));
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("argument 'holidays': '" + h + "' is not an ISO date (2026-12-25)");
                }
            }
            boolean hasEnd = args.containsKey("end");
            if (hasEnd == args.containsKey("days")) {
                throw new IllegalArgumentException("give either 'end' (to count working days) or 'days' (to find a date),"
                        + " not " + (hasEnd ? "both" : "neither"));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            if (hasEnd) {
                LocalDate end = read(args, "end", zone).at().toLocalDate();
                LocalDate from = end.isBefore(start) ? end : start;
                LocalDate to = end.isBefore(start) ? start : end;
                if (ChronoUnit.DAYS.between(from, to) > 366L * 200) {
                    throw new IllegalArgumentException("the dates are more than 200 years apart");
                }
                long count = 0;
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    if (working(d, holidays)) {
                        count++;
                    }
                }
                out.put("start", start.toString());
                out.put("end", end.toString());
                out.put("workdays", end.isBefore(start) ? -count : count);
                out.put("counted", "both dates included");
            } else {
                long days = Args.integer(args, "days", 0);
                if (Math.abs(days) > 100_000) {
                    throw new IllegalArgumentException("argument 'days' must be within +-100000");
                }
                LocalDate d = start;
                for (long left = Math.abs(days); left > 0; ) {
                    d = d.plusDays(days > 0 ? 1 : -1);
                    if (working(d, holidays)) {
                        left--;
                    }
                }
                out.put("start", start.toString());
                out.put("days", days);
                out.put("date", d.toString());
                out.put("weekday", d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            }
            return ToolResult.success(Json.text(out));
        }

        private static boolean working(LocalDate d, Set<LocalDate> holidays) {
            return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d);
        }

        private static Map<String, Object> describe(ZonedDateTime at) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("iso", at.withNano(0).toOffsetDateTime().toString());
            out.put("zone", at.getZone().getId());
            out.put("date", at.toLocalDate().toString());
            out.put("time", at.toLocalTime().withNano(0).toString());
            out.put("weekday", at.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            return out;
        }
    }
}
