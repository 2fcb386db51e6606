package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deadlines as people write them, resolved against when the mail was sent (Wednesday 2 December 2026, 09:10). */
class DeadlineTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final ZonedDateTime SENT = LocalDateTime.of(2026, 12, 2, 9, 10).atZone(ZONE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "I need your decision by 15:00 today.                        | 2026-12-02T15:00 | true",
        "Please confirm by 3pm.                                       | 2026-12-02T15:00 | true",
        "Can you sign it off by Friday?                               | 2026-12-04T23:59 | false",
        "Let me know by Thursday noon so I can tell the store.        | 2026-12-03T12:00 | true",
        "The quote is valid until 14 December.                        | 2026-12-14T23:59 | false",
        "Prices hold no later than the 10th of December.              | 2026-12-10T23:59 | false",
        "Answer within 2 days or the chargeback goes through.         | 2026-12-04T23:59 | false",
        "We need it within 3 working days.                            | 2026-12-07T23:59 | false",
        "Please reply by end of day.                                  | 2026-12-02T17:30 | true",
        "Deadline: 09/12 for the tender.                              | 2026-12-09T23:59 | false",
        "Could you approve it by tomorrow morning?                    | 2026-12-03T12:00 | true",
        "Can you do this ASAP?                                        | 2026-12-02T23:59 | false",
        "Your view within one week, please.                          | 2026-12-09T23:59 | false",
        "Status: Open. Due: 04/12/2026                                | 2026-12-04T23:59 | false",
        "Please reply with approved or rejected before 07-12-2026.    | 2026-12-07T23:59 | false",
        "Complete the form before 08.12.2026, otherwise it moves.    | 2026-12-08T23:59 | false",
        "The vendor record must be updated by 2026-12-09.             | 2026-12-09T23:59 | false",
        "Kindly share the workings by 10-Dec-2026.                    | 2026-12-10T23:59 | false",
        "Approve the request within 5 school days.                    | 2026-12-09T23:59 | false",
        "Tell me before 10:30 AM today.                               | 2026-12-02T10:30 | true",
    })
    void findsAndResolvesADeadline(String text, String due, boolean timed) {
        Deadline d = Deadline.find(text, SENT).orElseThrow();

        assertThat(d.due().toLocalDateTime()).isEqualTo(LocalDateTime.parse(due));
        assertThat(d.timed()).isEqualTo(timed);
        assertThat(text).containsIgnoringCase(d.phrase());
    }

    @Test
    void aDateOrWeekdayWithoutADeadlineWordIsNotADeadline() {
        assertThat(Deadline.find("Great to see you on Friday. The delivery arrived on 3 December.", SENT)).isEmpty();
        assertThat(Deadline.find("Minutes of Monday's meeting attached.", SENT)).isEmpty();
    }

    @Test
    void theEarliestOfSeveralWins() {
        Deadline d = Deadline.find("Send the draft by Friday; I need the go/no-go by 11:00 tomorrow.", SENT).orElseThrow();

        assertThat(d.due().toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 12, 3, 11, 0));
    }

    @Test
    void describesItRelativeToTheBriefingDay() {
        Deadline today = Deadline.find("by 15:00 today", SENT).orElseThrow();
        Deadline friday = Deadline.find("by Friday", SENT).orElseThrow();

        assertThat(today.describe(LocalDate.of(2026, 12, 2))).isEqualTo("today 15:00");
        assertThat(today.describe(LocalDate.of(2026, 12, 3))).isEqualTo("overdue since Wed 2 Dec 15:00");
        assertThat(friday.describe(LocalDate.of(2026, 12, 3))).isEqualTo("tomorrow");
        assertThat(friday.describe(LocalDate.of(2026, 12, 1))).isEqualTo("Fri 4 Dec");
    }
}
