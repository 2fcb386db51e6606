package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatExportSensorTest {
    @TempDir
    Path dir;

    private Fixtures.Collector read() {
        Fixtures.Collector sink = new Fixtures.Collector();
        try (ChatExportSensor sensor = ChatExportSensor.builder().slackExport(dir).watch(false)
                .pollInterval(Duration.ofHours(1)).build()) {
            sensor.start(sink);
            sensor.scanNow();
        }
        return sink;
    }

    @Test
    void readsAThreadWithUserNamesAndSkipsJoins() throws Exception {
        Fixtures.slackExport(dir);
        Fixtures.Collector sink = read();
        assertThat(sink.byId.keySet()).containsExactlyInAnyOrder(
                "chat:dev:1741001000.000200", "chat:dev:1741001600.000300", "chat:dev:1741087000.000400");
        Observation root = sink.byId.get("chat:dev:1741001000.000200");
        assertThat(root.text()).isEqualTo("#dev Alice Martin: The mailer crashes on an empty inbox, @Bob Stone can you look?");
        assertThat(root.attributes()).containsEntry("user", "Alice Martin").containsEntry("userId", "U01")
                .containsEntry("thread", "dev:1741001000.000200").containsEntry("reply", "false")
                .containsEntry("replies", "2");
        assertThat(root.at()).isEqualTo(Instant.ofEpochSecond(1741001000, 200_000));
        Observation fix = sink.byId.get("chat:dev:1741087000.000400");
        assertThat(fix.attributes()).containsEntry("user", "Bob Stone").containsEntry("thread", "dev:1741001000.000200")
                .containsEntry("reply", "true");
        assertThat(fix.text()).contains("PR 7 (https://git.example.com/mailer/pull/7)");
    }

    @Test
    void aDayFileWithBadJsonIsSkippedAndTheOthersAreKept() throws Exception {
        Fixtures.slackExport(dir);
        Files.writeString(dir.resolve("dev").resolve("2025-03-05.json"), "[{\"user\": \"U01\", \"text\": \"unterminated");
        Fixtures.Collector sink = read();
        assertThat(sink.all).hasSize(3);
    }
}
