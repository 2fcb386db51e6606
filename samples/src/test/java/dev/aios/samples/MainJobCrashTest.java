package dev.aios.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's main job survives {@code kill -9}: the briefing, run in a JVM of its own, is killed
 * with SIGKILL while its agent runs are under way (when its journal holds a chosen number of run
 * files, plus a random delay), again and again; then run once more to its end. The bug must be
 * filed exactly once, each reply draft written once, and the briefing complete, as after a run
 * that was never killed.
 */
@Timeout(300)
class MainJobCrashTest {
    private static final int KILLS = Integer.getInteger("aios.mainjob.kills", 5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBriefingKilledAtRandomMomentsFilesTheBugOnceAndWritesEachDraftOnce(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean");
        assertThat(briefing(clean, -1, 0).exitValue()).isZero();
        int cleanItems = trackerItems(clean);
        List<String> cleanDrafts = drafts(clean);
        int cleanRuns = runFiles(clean);
        assertThat(cleanRuns).isPositive();

        long seed = Long.getLong("aios.mainjob.seed", System.nanoTime());
        System.out.println("MainJobCrashTest seed " + seed + " (rerun with -Daios.mainjob.seed=" + seed + ")");
        Random random = new Random(seed);
        Path world = dir.resolve("killed");
        int killedMidRun = 0;
        for (int i = 0; i < KILLS; i++) {
            int before = Files.isDirectory(world) ? runFiles(world) : 0;
            // kill once the journal holds a run file more than now (the run has started), a little later
            Process p = briefing(world, before + 1 + random.nextInt(Math.max(1, cleanRuns / 2)), random.nextInt(120));
            if (p.exitValue() != 0) {
                killedMidRun++;
            }
        }
        Process last = briefing(world, -1, 0);
        String log = Files.readString(world.resolve("last.log"));

        assertThat(last.exitValue()).as(log).isZero();
        assertThat(killedMidRun).as("kills that landed before the briefing ended").isPositive();
        assertThat(trackerItems(world)).as("tracker items (the bug filed once)").isEqualTo(cleanItems);
        assertThat(drafts(world)).as("reply drafts, each once").isEqualTo(cleanDrafts);
        assertThat(Files.readString(world.resolve("out/briefing.md"))).contains("## Bug reported in chat",
                "## Reply drafts (not sent)");
        String all = Files.readString(world.resolve("killed.log")) + log;
        long resumed = all.lines().filter(l -> l.startsWith("[journal] resumed")).count();
        System.out.printf("MainJobCrashTest: %d kills, %d before the briefing ended, %d interrupted agent runs resumed;"
                + " tracker %d items, %d drafts%n", KILLS, killedMidRun, resumed, cleanItems, cleanDrafts.size());
    }

    /**
     * Runs the briefing over {@code world} in a new JVM; with {@code killAtRuns} > 0, kills it with
     * SIGKILL {@code delayMillis} after its journal holds that many run files.
     */
    private static Process briefing(Path world, int killAtRuns, int delayMillis) throws Exception {
        Files.createDirectories(world);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--world", world.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(world.resolve(killAtRuns > 0 ? "killed.log" : "last.log").toFile()))
                .start();
        if (killAtRuns > 0) {
            while (p.isAlive() && runFiles(world) < killAtRuns) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            TimeUnit.MILLISECONDS.sleep(delayMillis);
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        }
        p.waitFor(240, TimeUnit.SECONDS);
        return p;
    }

    private static int runFiles(Path world) throws IOException {
        Path journal = world.resolve("state/journal");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(journal)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".run")).count();
        }
    }

    private static int trackerItems(Path world) throws IOException {
        JsonNode tracker = JSON.readTree(world.resolve("tracker.json").toFile());
        return (tracker.has("items") ? tracker.get("items") : tracker).size();
    }

    private static List<String> drafts(Path world) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(world.resolve("out/drafts"))) {
            files.map(f -> f.getFileName().toString()).sorted().forEach(names::add);
        }
        return names;
    }
}
