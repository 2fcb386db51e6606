package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwarenessDaemonTest {
    @TempDir
    Path dir;

    private final FakeMemory memory = new FakeMemory();

    private AwarenessDaemon daemon(boolean watch, Duration poll, List<Observation> heard) {
        Path checkpoint = dir.resolve("state").resolve("awareness.json");
        return AwarenessDaemon.builder()
                .memory(memory)
                .sensor(MailSensor.builder().maildir(dir.resolve("Mail")).watch(watch).pollInterval(poll).build())
                .sensor(ChatExportSensor.builder().slackExport(dir.resolve("slack")).watch(watch).pollInterval(poll).build())
                .checkpoint(checkpoint)
                .checkpointInterval(Duration.ofMillis(50))
                .listener(heard::add)
                .build();
    }

    @Test
    void writesObservationsToEpisodicMemoryAndWakesListeners() throws Exception {
        Fixtures.deliver(dir.resolve("Mail"), "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Fixtures.slackExport(dir.resolve("slack"));
        List<Observation> heard = new CopyOnWriteArrayList<>();
        try (AwarenessDaemon daemon = daemon(true, Duration.ofSeconds(30), heard)) {
            daemon.start();
            Fixtures.await("mail and chat in memory", () -> memory.records.size() == 4);
        }
        MemoryRecord mail = memory.records.get("mail:budget-1@example.com");
        assertThat(mail.layer()).isEqualTo(MemoryLayer.EPISODIC);
        assertThat(mail.text()).contains("Q3 budget review");
        assertThat(mail.metadata()).containsEntry("source", "mail").containsEntry("kind", "message")
                .containsEntry("from", "Alice Martin <alice@example.com>").containsEntry("thread", "budget-1@example.com");
        assertThat(memory.records.get("chat:dev:1741001000.000200").metadata()).containsEntry("source", "chat");
        assertThat(heard).extracting(Observation::id).containsExactlyInAnyOrderElementsOf(memory.records.keySet());
    }

    @Test
    void picksUpAMailLandingWhileItRunsThroughTheWatchService() throws Exception {
        Files.createDirectories(dir.resolve("Mail"));
        List<Observation> heard = new CopyOnWriteArrayList<>();
        try (AwarenessDaemon daemon = daemon(true, Duration.ofMinutes(10), heard)) {
            daemon.start();
            Thread.sleep(100); // let the first scan register the folders
            Fixtures.deliver(dir.resolve("Mail"), "1741000001.M2P1.host", Fixtures.THREAD_REPLY);
            // The poll interval is 10 minutes: only the watch service can deliver this in time.
            Fixtures.await("the new mail", () -> memory.records.containsKey("mail:budget-2@example.com"));
        }
        assertThat(heard).extracting(Observation::id).containsExactly("mail:budget-2@example.com");
    }

    @Test
    void picksUpAMailLandingWhileItRunsByPollingAlone() throws Exception {
        Files.createDirectories(dir.resolve("Mail"));
        try (AwarenessDaemon daemon = daemon(false, Duration.ofMillis(50), new CopyOnWriteArrayList<>())) {
            daemon.start();
            Fixtures.deliver(dir.resolve("Mail"), "1741000001.M2P1.host", Fixtures.THREAD_REPLY);
            Fixtures.await("the new mail", () -> memory.records.containsKey("mail:budget-2@example.com"));
        }
    }

    @Test
    void afterARestartNothingIsReadTwiceAndNothingAddedMeanwhileIsMissed() throws Exception {
        Path mail = dir.resolve("Mail");
        Fixtures.deliver(mail, "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Fixtures.deliver(mail, "1741000001.M2P1.host", Fixtures.THREAD_REPLY);
        Fixtures.slackExport(dir.resolve("slack"));
        try (AwarenessDaemon daemon = daemon(true, Duration.ofMillis(100), new CopyOnWriteArrayList<>())) {
            daemon.start();
            Fixtures.await("first run", () -> memory.records.size() == 5);
        }
        assertThat(dir.resolve("state").resolve("awareness.json")).exists();

        // While stopped: a new mail, the first one read by a client (moved to cur/), a new chat day.
        Fixtures.deliver(mail, "1741000002.M3P1.host", Fixtures.THREAD_REPLY_WITH_ATTACHMENT);
        Files.move(mail.resolve("new").resolve("1741000000.M1P1.host"), mail.resolve("cur").resolve("1741000000.M1P1.host:2,S"));
        Files.writeString(dir.resolve("slack").resolve("dev").resolve("2025-03-05.json"), """
                [{"type": "message", "user": "U01", "text": "Thanks, closing.", "ts": "1741170000.000500", "thread_ts": "1741001000.000200"}]
                """);

        List<Observation> heard = new CopyOnWriteArrayList<>();
        try (AwarenessDaemon daemon = daemon(true, Duration.ofMillis(100), heard)) {
            daemon.start();
            Fixtures.await("what came meanwhile", () -> memory.records.size() == 7);
            Thread.sleep(300); // a few more polls: nothing else may arrive
            assertThat(daemon.duplicates()).isZero();
        }
        assertThat(heard).extracting(Observation::id)
                .containsExactlyInAnyOrder("mail:budget-3@example.com", "chat:dev:1741170000.000500");
        assertThat(memory.writes).allSatisfy((id, count) -> assertThat(count.get()).as(id).isEqualTo(1));
    }

    @Test
    void aBrokenFileIsSkippedAndTheRestIsKept() throws Exception {
        Path mail = dir.resolve("Mail");
        Fixtures.deliver(mail, "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Fixtures.deliver(mail, "1741000001.M2P1.host", Fixtures.MALFORMED);
        Fixtures.slackExport(dir.resolve("slack"));
        Files.writeString(dir.resolve("slack").resolve("dev").resolve("2025-03-05.json"), "{not json");
        try (AwarenessDaemon daemon = daemon(true, Duration.ofMillis(50), new CopyOnWriteArrayList<>())) {
            daemon.start();
            Fixtures.await("the good files", () -> memory.records.size() == 4);
            Fixtures.deliver(mail, "1741000002.M3P1.host", Fixtures.THREAD_REPLY);
            Fixtures.await("a mail after the broken ones", () -> memory.records.size() == 5);
        }
    }

    @Test
    void aFailedMemoryWriteIsRetriedNotLost() throws Exception {
        Fixtures.deliver(dir.resolve("Mail"), "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Files.createDirectories(dir.resolve("slack"));
        memory.failing = true;
        try (AwarenessDaemon daemon = daemon(false, Duration.ofMillis(50), new CopyOnWriteArrayList<>())) {
            daemon.start();
            Fixtures.await("a failed write", () -> daemon.failures() > 0);
            memory.failing = false;
            Fixtures.await("the retried write", () -> memory.records.containsKey("mail:budget-1@example.com"));
        }
    }

    @Test
    void closingStopsEverySensorThread() throws Exception {
        Fixtures.deliver(dir.resolve("Mail"), "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Fixtures.slackExport(dir.resolve("slack"));
        AwarenessDaemon daemon = AwarenessDaemon.builder()
                .memory(memory)
                .sensor(MailSensor.builder().maildir(dir.resolve("Mail")).pollInterval(Duration.ofMillis(20)).build())
                .sensor(ChatExportSensor.builder().slackExport(dir.resolve("slack")).pollInterval(Duration.ofMillis(20)).build())
                .sensor(CalendarSensor.builder().folder(dir.resolve("calendar")).build())
                .sensor(TrackerSensor.of(TaskTracker.open(dir.resolve("tracker.json"))))
                .sensor(ClockSensor.builder().schedule("briefing", "every weekday at 8:00").checkInterval(Duration.ofMillis(20)).build())
                .checkpoint(dir.resolve("awareness.json"))
                .checkpointInterval(Duration.ofMillis(20))
                .build();
        daemon.start();
        Fixtures.await("the daemon at work", () -> memory.records.size() == 4);
        assertThat(awarenessThreads()).isNotEmpty();
        daemon.close();
        assertThat(awarenessThreads()).isEmpty();
        daemon.close(); // twice is fine
    }

    @Test
    void theBuilderRejectsMissingMemoryAndDuplicateNames() {
        assertThatThrownBy(() -> AwarenessDaemon.builder().sensor(MailSensor.builder().maildir(dir).build()).build())
                .isInstanceOf(AiOsException.class).hasMessageContaining("memory(...)");
        assertThatThrownBy(() -> AwarenessDaemon.builder().memory(memory)
                .sensor(MailSensor.builder().maildir(dir).build())
                .sensor(MailSensor.builder().maildir(dir.resolve("other")).build()).build())
                .hasMessageContaining("two sensors are named 'mail'");
    }

    private static Set<String> awarenessThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("aios-sensor-") || n.startsWith("aios-awareness-"))
                .collect(Collectors.toSet());
    }
}
