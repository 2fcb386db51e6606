package dev.aios.sensors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aios.api.Observation;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.ParserException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the parsers behind the mail, calendar and chat sensors with whatever a file may hold:
 * each gives observations, or fails with an error the sensor logs and skips the file for (a
 * {@link MalformedInputException}, or the I/O, mail or iCalendar parser's checked exception);
 * never an unchecked exception, an out-of-memory or a hang.
 *
 * <p>A plain test run replays the corpus in {@code ParsersFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes one method at a time (see {@code .ci/fuzz-short}).
 */
class ParsersFuzzTest {
    private static final Instant NOW = Instant.parse("2025-06-02T09:00:00Z");
    private static Path dir;

    @BeforeAll
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("sensors-fuzz");
        Files.createDirectories(dir.resolve("general"));
    }

    @AfterAll
    static void deleteDir() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // Dictionary entries stay on one line: libFuzzer's dictionary format has no line breaks, and a
    // fuzzing run refuses a dictionary it cannot parse (exit code 1, before any input runs).
    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"From: ", "Subject: ", "Message-ID: <", "Date: ", "References: ", "In-Reply-To: ",
            "Content-Type: multipart/mixed; boundary=b", "--b", "--b--", "Content-Type: text/html",
            "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
            "Content-Disposition: attachment; filename=", "=?UTF-8?B?", "=?utf-8?Q?", "message/rfc822"})
    void mailMessage(byte[] input) {
        expectRecordsOrClearError(() -> List.of(MailParser.parse(input, "fallback", NOW, "fuzz")));
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"From ", ">From ", "From: a@b", "Subject: x"})
    void mboxFile(byte[] input) {
        Path file = write("mbox", input);
        expectRecordsOrClearError(() -> readAll(new MboxFormat(null), file));
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT",
            "DTSTART:", "DTEND:", "DTSTART;VALUE=DATE:", "DTSTART;TZID=Europe/Berlin:", "RRULE:FREQ=DAILY",
            "RRULE:FREQ=SECONDLY;INTERVAL=1", ";COUNT=", ";UNTIL=", "RDATE:", "RECURRENCE-ID:", "DURATION:PT1H",
            "UID:", "SUMMARY:", "ORGANIZER;CN=", "ATTENDEE:mailto:", "BEGIN:VTIMEZONE", "20250602T090000Z",
            "20250602"})
    void icsFile(byte[] input) {
        Path file = write("calendar.ics", input);
        IcsFormat format = new IcsFormat(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")), Duration.ofDays(30),
                Duration.ofDays(90));
        expectRecordsOrClearError(() -> readAll(format, file));
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"\"ts\"", "\"text\"", "\"user\"", "\"thread_ts\"", "\"subtype\"", "\"reply_count\"",
            "\"bot_id\"", "\"user_profile\"", "\"real_name\"", "<@U1>", "<#C1|general>", "<https://a|b>",
            "\"1717318800.000100\"", "1e999999999", "&amp;"})
    void slackDayFile(byte[] input) {
        Path file = write("general/2025-06-02.json", input);
        expectRecordsOrClearError(() -> readAll(new SlackExportFormat(dir), file));
    }

    private interface Parse {
        List<Observation> run() throws Exception;
    }

    private static void expectRecordsOrClearError(Parse parse) {
        List<Observation> observations;
        try {
            observations = parse.run();
        } catch (MalformedInputException | IOException | MessagingException | ParserException e) {
            assertThat(e.getMessage()).as("the error says what is wrong: " + e).isNotBlank();
            return;
        } catch (RuntimeException e) {
            throw e; // a finding: the parser let an unchecked exception out
        } catch (Exception e) {
            throw new AssertionError("unexpected checked exception " + e, e);
        }
        for (Observation o : observations) {
            assertThat(o.id()).isNotBlank();
        }
    }

    private static List<Observation> readAll(FileFormat format, Path file) throws Exception {
        List<Observation> out = new ArrayList<>();
        format.read(file, null, out::add);
        return out;
    }

    private static Path write(String name, byte[] input) {
        try {
            return Files.write(dir.resolve(name), input);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the fuzz input to " + dir, e);
        }
    }
}
