package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void parsesTheDocumentedForms() {
        assertThat(Schedule.parse("a", "every weekday at 8:00").days())
                .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(Schedule.parse("b", "every day at 18:30").times()).containsExactly(LocalTime.of(18, 30));
        assertThat(Schedule.parse("c", "Every Monday at 9:00").days()).containsExactly(DayOfWeek.MONDAY);
        Schedule twice = Schedule.parse("d", "every tue and thursdays at 2:30pm, 9am");
        assertThat(twice.days()).containsExactlyInAnyOrder(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
        assertThat(twice.times()).containsExactly(LocalTime.of(9, 0), LocalTime.of(14, 30));
        assertThat(Schedule.parse("e", "every weekend at noon").times()).containsExactly(LocalTime.NOON);
    }

    @Test
    void nextSkipsTheWeekendForWeekdaySchedules() {
        Schedule schedule = Schedule.parse("briefing", "every weekday at 8:00");
        ZonedDateTime fridayNine = ZonedDateTime.of(2025, 3, 7, 9, 0, 0, 0, BERLIN);
        assertThat(schedule.next(fridayNine)).isEqualTo(ZonedDateTime.of(2025, 3, 10, 8, 0, 0, 0, BERLIN));
        ZonedDateTime mondaySeven = ZonedDateTime.of(2025, 3, 10, 7, 0, 0, 0, BERLIN);
        assertThat(schedule.next(mondaySeven)).isEqualTo(ZonedDateTime.of(2025, 3, 10, 8, 0, 0, 0, BERLIN));
    }

    @Test
    void badRulesSayWhichWordIsWrong() {
        assertThatThrownBy(() -> Schedule.parse("x", "every funday at 8:00")).isInstanceOf(AiOsException.class)
                .hasMessageContaining("'funday'");
        assertThatThrownBy(() -> Schedule.parse("x", "every day at 25:00")).hasMessageContaining("'25:00'");
        assertThatThrownBy(() -> Schedule.parse("x", "daily 8:00")).hasMessageContaining("every <days> at <times>");
    }
}
