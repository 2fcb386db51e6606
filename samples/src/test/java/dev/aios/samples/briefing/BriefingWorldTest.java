package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample world: same day, same bytes; and the shape the issue promises. */
class BriefingWorldTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 4);
    /** SHA-256 over every file of the world for {@link #DAY} in UTC, as written before the fixtures moved to resources. */
    private static final String GOLDEN_SHA256 = "8de62a1bc3c447bb954d10eb7db41075c29dd86a798b9fa5b43273b45ac98e19";

    @TempDir
    Path dir;

    @Test
    void writingTheSameDayTwiceGivesTheSameFiles() throws IOException {
        BriefingWorld a = BriefingWorld.writeTo(dir.resolve("a"), DAY);
        BriefingWorld b = BriefingWorld.writeTo(dir.resolve("b"), DAY);

        assertThat(WorldFiles.contents(b.root())).isEqualTo(WorldFiles.contents(a.root())).hasSizeGreaterThan(60);
    }

    /**
     * The fixture text lives in resource files; this pins the bytes the world had when it was
     * written from code, so moving or editing the resources cannot change the world unnoticed.
     */
    @Test
    void writesTheSameBytesAsTheWorldTheFixturesWereTakenFrom() throws Exception {
        assertThat(DAY).isEqualTo(WorldFiles.PINNED_DAY);
        assertThat(WorldFiles.pinnedHash(dir, BriefingWorld.Sample.PRODUCT_LEAD)).isEqualTo(GOLDEN_SHA256);
    }

    @Test
    void hasTwoWeeksOfMailSentRepliesTwoMeetingsTodayAChatBugAndATracker() throws IOException {
        BriefingWorld world = BriefingWorld.writeTo(dir, DAY);

        Map<String, String> truth = world.trueLabels();
        assertThat(count(world.mail().resolve("cur"))).isEqualTo(truth.size()).isBetween(55L, 65L);
        assertThat(truth.values()).contains("needs-you", "routine", "noise");
        assertThat(truth.values().stream().filter("needs-you"::equals).count()).isBetween(5L, 20L);
        assertThat(world.labelsFile().startsWith(world.mail())).as("labels kept outside the mail folder").isFalse();
        assertThat(count(world.mail().resolve(".Sent").resolve("cur"))).isGreaterThanOrEqualTo(5L);
        String firstSent;
        try (Stream<Path> sent = Files.list(world.mail().resolve(".Sent").resolve("cur"))) {
            firstSent = Files.readString(sent.sorted().findFirst().orElseThrow());
        }
        assertThat(firstSent).contains("From: Sam Lee <sam@lumen.dev>", "In-Reply-To:", "Best", "wrote:\n> ");
        long bulk = 0;
        try (Stream<Path> inbox = Files.list(world.mail().resolve("cur"))) {
            for (Path p : inbox.toList()) {
                bulk += Files.readString(p).contains("\nList-Unsubscribe: <https://") ? 1 : 0;
            }
        }
        assertThat(bulk).isGreaterThanOrEqualTo(10);

        String ics = Files.readString(world.calendar().resolve("work.ics"));
        String today = DAY.toString().replace("-", "");
        assertThat(ics.split("DTSTART:" + today, -1)).hasSize(3);
        assertThat(ics).contains("ATTENDEE;CN=Ana Ruiz", "ATTENDEE;CN=Carla Diaz", "DESCRIPTION:Notes:");

        assertThat(world.chat().resolve("users.json")).exists();
        try (Stream<Path> days = Files.list(world.chat().resolve("atlas-dev"))) {
            String day = Files.readString(days.findFirst().orElseThrow());
            assertThat(day).contains("NullPointerException", "thread_ts", "reply_count");
        }
        JsonNode items = new ObjectMapper().readTree(world.tracker().toFile()).path("items");
        assertThat(items.size()).isGreaterThanOrEqualTo(5);
        assertThat(items.findValuesAsText("project")).contains("atlas-api", "billing-web");
    }

    @Test
    void anExistingWorldIsOpenedNotRewritten() throws IOException {
        BriefingWorld world = BriefingWorld.writeTo(dir, DAY);
        Files.writeString(world.tracker(), "{\"items\": []}");

        BriefingWorld again = BriefingWorld.writeTo(dir, DAY.plusDays(1));

        assertThat(Files.readString(again.tracker())).isEqualTo("{\"items\": []}");
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }
}
