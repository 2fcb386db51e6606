package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSensorTest {
    @TempDir
    Path dir;

    private MailSensor started(MailSensor sensor, Fixtures.Collector sink) {
        sensor.start(sink);
        sensor.scanNow();
        return sensor;
    }

    @Test
    void readsMaildirHeadersThreadsBodiesAndAttachmentNames() throws Exception {
        Path maildir = dir.resolve("INBOX");
        Fixtures.deliver(maildir, "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Fixtures.deliver(maildir, "1741000001.M2P1.host", Fixtures.THREAD_REPLY);
        Fixtures.deliver(maildir, "1741000002.M3P1.host", Fixtures.THREAD_REPLY_WITH_ATTACHMENT);
        Fixtures.deliver(maildir, "1741000003.M4P1.host", Fixtures.HTML_NEWSLETTER);
        Fixtures.Collector sink = new Fixtures.Collector();

        try (MailSensor sensor = started(MailSensor.builder().maildir(maildir).watch(false)
                .pollInterval(Duration.ofHours(1)).build(), sink)) {
            assertThat(sink.byId).containsOnlyKeys("mail:budget-1@example.com", "mail:budget-2@example.com",
                    "mail:budget-3@example.com", "mail:weekly-42@news.example.org");

            Observation root = sink.byId.get("mail:budget-1@example.com");
            assertThat(root.source()).isEqualTo("mail");
            assertThat(root.kind()).isEqualTo("message");
            assertThat(root.at()).isEqualTo(Instant.parse("2025-03-03T08:15:00Z"));
            assertThat(root.attributes())
                    .containsEntry("from", "Alice Martin <alice@example.com>")
                    .containsEntry("fromAddress", "alice@example.com")
                    .containsEntry("to", "Sam Lee <sam@example.com>")
                    .containsEntry("cc", "Bob Stone <bob@example.com>")
                    .containsEntry("subject", "Q3 budget review")
                    .containsEntry("messageId", "budget-1@example.com")
                    .containsEntry("thread", "budget-1@example.com")
                    .containsEntry("topic", "q3 budget review");
            assertThat(root.text()).contains("travel line looks high");

            // Every message of the thread points at its root, whatever the Re:/RE: prefixes say.
            assertThat(sink.byId.get("mail:budget-2@example.com").attributes()).containsEntry("thread", "budget-1@example.com");
            Observation withFile = sink.byId.get("mail:budget-3@example.com");
            assertThat(withFile.attributes())
                    .containsEntry("thread", "budget-1@example.com")
                    .containsEntry("topic", "q3 budget review")
                    .containsEntry("attachments", "q3-budget-split.xlsx");
            assertThat(withFile.text()).contains("Split version attached.").doesNotContain("<b>");

            Observation html = sink.byId.get("mail:weekly-42@news.example.org");
            assertThat(html.text()).contains("Virtual threads & structured concurrency in production.")
                    .doesNotContain("<p>").doesNotContain("color: red");
        }
    }

    @Test
    void aMessageMovedToCurWithFlagsIsNotReadAgain() throws Exception {
        Path maildir = dir.resolve("INBOX");
        Path delivered = Fixtures.deliver(maildir, "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Fixtures.Collector sink = new Fixtures.Collector();
        try (MailSensor sensor = started(MailSensor.builder().maildir(maildir).watch(false)
                .pollInterval(Duration.ofHours(1)).build(), sink)) {
            Files.move(delivered, maildir.resolve("cur").resolve("1741000000.M1P1.host:2,S"));
            sensor.scanNow();
            assertThat(sink.all).hasSize(1);
        }
    }

    @Test
    void readsThreeMessagesFromAnMboxFileAndUndoesFromQuoting() throws Exception {
        Path mbox = dir.resolve("archive.mbox");
        Files.writeString(mbox, Fixtures.mbox());
        Fixtures.Collector sink = new Fixtures.Collector();
        try (MailSensor sensor = started(MailSensor.builder().mbox(mbox).watch(false)
                .pollInterval(Duration.ofHours(1)).build(), sink)) {
            assertThat(sink.all).extracting(Observation::id)
                    .containsExactly("mail:mbox-1@example.com", "mail:mbox-2@example.com", "mail:mbox-3@example.com");
            assertThat(sink.byId.get("mail:mbox-2@example.com").text()).contains("From my side, add a retro slot.")
                    .doesNotContain(">From");
            assertThat(sink.byId.get("mail:mbox-2@example.com").attributes()).containsEntry("thread", "mbox-1@example.com");
            assertThat(sink.byId.get("mail:mbox-3@example.com").attributes()).containsEntry("subject", "Invoice 2025-031");
        }
    }

    @Test
    void anAppendedMboxMessageIsReadWithoutReadingTheOldOnesAgain() throws Exception {
        Path mbox = dir.resolve("inbox.mbox");
        Files.writeString(mbox, Fixtures.mbox());
        Fixtures.Collector sink = new Fixtures.Collector();
        try (MailSensor sensor = started(MailSensor.builder().mbox(mbox).watch(false)
                .pollInterval(Duration.ofHours(1)).build(), sink)) {
            Files.writeString(mbox, """
                    From dan@example.com Wed Mar  5 07:00:00 2025
                    Message-ID: <mbox-4@example.com>
                    Date: Wed, 5 Mar 2025 07:00:00 +0100
                    From: Dan Wu <dan@example.com>
                    Subject: Lunch?

                    Thai place at noon?

                    """, java.nio.file.StandardOpenOption.APPEND);
            sensor.scanNow();
            // Only the last message before the append is read again (it may have been cut off), then the new one.
            assertThat(sink.all).extracting(Observation::id).containsExactly("mail:mbox-1@example.com",
                    "mail:mbox-2@example.com", "mail:mbox-3@example.com", "mail:mbox-3@example.com", "mail:mbox-4@example.com");
        }
    }

    @Test
    void aMalformedMailIsSkippedAndTheOthersAreKept() throws Exception {
        Path maildir = dir.resolve("INBOX");
        Fixtures.deliver(maildir, "1741000000.M1P1.host", Fixtures.THREAD_ROOT);
        Fixtures.deliver(maildir, "1741000001.M2P1.host", Fixtures.MALFORMED);
        Fixtures.deliver(maildir, "1741000002.M3P1.host", Fixtures.THREAD_REPLY);
        Fixtures.Collector sink = new Fixtures.Collector();
        try (MailSensor sensor = started(MailSensor.builder().maildir(maildir).watch(false)
                .pollInterval(Duration.ofHours(1)).build(), sink)) {
            assertThat(sink.byId).containsOnlyKeys("mail:budget-1@example.com", "mail:budget-2@example.com");
            // The malformed file is remembered as read, so it is not retried (and logged) on every scan.
            assertThat(sensor.checkpoint()).containsKey("1741000001.M2P1.host");
        }
    }

    @Test
    void theBuilderNamesWhatIsMissing() {
        assertThatThrownBy(() -> MailSensor.builder().build()).isInstanceOf(AiOsException.class)
                .hasMessageContaining("maildir(...) or mbox(...)");
        assertThatThrownBy(() -> MailSensor.builder().maildir(dir).pollInterval(Duration.ofMillis(1)).build())
                .hasMessageContaining("pollInterval");
    }
}
