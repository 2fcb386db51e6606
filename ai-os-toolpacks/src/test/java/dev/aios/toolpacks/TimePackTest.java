package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.TimePhrases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimePackTest {
    // Wednesday 2026-03-04 10:30 in Paris
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T09:30:00Z"), PARIS);
    private final ToolPack time = TimePack.builder().clock(CLOCK).zone(PARIS).build();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "now|2026-03-04T10:30",
        "today|2026-03-04T00:00",
        "tomorrow|2026-03-05T00:00",
        "yesterday|2026-03-03T00:00",
        "tomorrow morning|2026-03-05T09:00",
        "tonight|2026-03-04T21:00",
        "next friday at 3pm|2026-03-06T15:00",
        "friday|2026-03-06T00:00",
        "next wednesday|2026-03-11T00:00",
        "last monday|2026-03-02T00:00",
        "friday next week|2026-03-13T00:00",
        "in 2 weeks|2026-03-18T00:00",
        "in 3 days at 10am|2026-03-07T10:00",
        "in an hour|2026-03-04T11:30",
        "in 90 minutes|2026-03-04T12:00",
        "half an hour from now|2026-03-04T11:00",
        "3 days ago|2026-03-01T00:00",
        "2026-03-04|2026-03-04T00:00",
        "2026-05-01T08:15|2026-05-01T08:15",
        "March 4|2026-03-04T00:00",
        "March 3|2027-03-03T00:00",
        "4th of July 2027|2027-07-04T00:00",
        "Dec 25th at 6:30 pm|2026-12-25T18:30",
        "end of month|2026-03-31T00:00",
        "end of next month|2026-04-30T00:00",
        "start of next year|2027-01-01T00:00",
        "next week|2026-03-09T00:00",
        "next month|2026-04-01T00:00",
        "the 15th|2026-03-15T00:00",
        "at noon|2026-03-04T12:00",
        "14:45|2026-03-04T14:45",
        "day after tomorrow at 8 in the evening|2026-03-06T20:00"})
    void readsPhrasesRelativeToNow(String phrase, String expected) {
        ZonedDateTime got = TimePhrases.read(phrase, ZonedDateTime.now(CLOCK)).at();
        assertThat(got.toLocalDateTime().toString()).as(phrase).startsWith(expected);
    }

    @Test
    void parseToolAnswersIsoAndRefusesNonsense() {
        ToolResult ok = call(time, "time.parse", Map.of("text", "next friday at 3pm"));
        assertThat(ok.error()).isFalse();
        assertThat(ok.text()).contains("\"iso\":\"2026-03-06T15:00+01:00\"").contains("Friday");
        assertThat(ok.provenance().isTrusted()).isTrue();
        ToolResult bad = call(time, "time.parse", Map.of("text", "when pigs fly"));
        assertThat(bad.error()).isTrue();
        assertThat(bad.text()).contains("argument 'text'").contains("cannot read 'when pigs fly'");
    }

    @Test
    void nowConvertAddBetween() {
        assertThat(call(time, "time.now", Map.of("zone", "Asia/Tokyo")).text()).contains("2026-03-04T18:30+09:00");
        assertThat(call(time, "time.now", Map.of("zone", "Mars/Olympus")).text()).contains("not a time zone");
        assertThat(call(time, "time.convert", Map.of("datetime", "2026-03-04T10:00", "from", "Europe/Paris",
                "to", "America/New_York")).text()).contains("\"iso\":\"2026-03-04T04:00-05:00\"");
        assertThat(call(time, "time.add", Map.of("datetime", "2026-03-04T10:00", "amount", "-90 minutes")).text())
                .contains("2026-03-04T08:30+01:00");
        assertThat(call(time, "time.add", Map.of("datetime", "2026-01-31", "amount", "P2W")).text())
                .contains("\"iso\":\"2026-02-14\"");
        assertThat(call(time, "time.add", Map.of("amount", "3 days")).text()).contains("2026-03-07T10:30");
        assertThat(call(time, "time.add", Map.of("amount", "3 parsecs")).text()).contains("not a unit of time");
        assertThat(call(time, "time.between", Map.of("start", "2026-01-01", "end", "2026-03-04")).text())
                .contains("\"days\":62").contains("2 months 3 days");
        assertThat(call(time, "time.between", Map.of("start", "2026-03-04T08:00", "end", "2026-03-05T10:30")).text())
                .contains("\"hours\":26.5").contains("1 day 2 hours 30 minutes");
    }

    @Test
    void infoAndWorkdays() {
        assertThat(call(time, "time.info", Map.of("date", "2024-02-10")).text()).contains("\"weekday\":\"Saturday\"")
                .contains("\"isoWeek\":6").contains("\"dayOfYear\":41").contains("\"quarter\":1")
                .contains("\"daysInMonth\":29").contains("\"leapYear\":true");
        // Mon 2026-03-02 .. Fri 2026-03-13 is 10 working days; less one holiday, 9
        assertThat(call(time, "time.workdays", Map.of("start", "2026-03-02", "end", "2026-03-13",
                "holidays", List.of("2026-03-10"))).text()).contains("\"workdays\":9");
        // 5 working days after Thursday 2026-03-05 is Thursday 2026-03-12
        assertThat(call(time, "time.workdays", Map.of("start", "2026-03-05", "days", 5)).text())
                .contains("\"date\":\"2026-03-12\"");
        assertThat(call(time, "time.workdays", Map.of("start", "2026-03-05")).text()).contains("either 'end'");
    }
}
