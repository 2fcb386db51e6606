package dev.aios.toolpacks.mail.internal;

import dev.aios.toolpacks.internal.Roots;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * What {@code CalendarPack.Builder} configured.
 *
 * @param roots the folders the ICS files may be in
 * @param calendar the default calendar file
 * @param zone the zone of local times
 * @param workStart start of the working day
 * @param workEnd end of the working day
 * @param workDays the working days
 * @param maxEvents the most events or slots per result
 */
public record CalendarSettings(Roots roots, String calendar, ZoneId zone, LocalTime workStart, LocalTime workEnd,
        Set<DayOfWeek> workDays, int maxEvents) {}
