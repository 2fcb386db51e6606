package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a forked JVM (SIGKILL) while it stores chains of derived records and forgets their roots,
 * several times, and checks after each kill that every acknowledged forget took its whole chain,
 * and that no record outlived the record it was derived from, whenever the kill landed.
 */
class ForgetCascadeIT {
    static final int ROUNDS = 3;
    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void noDerivedRecordOutlivesItsSourceAcrossKillNine() throws Exception {
        Random random = new Random(7);
        List<String> forgotten = new ArrayList<>();
        List<String> started = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), ForgetCascadeWriter.class.getName(),
                    dir.toString(), "r" + round)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int killAfter = 3 + random.nextInt(12);
            int before = forgotten.size();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("ready");
                int seen = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("forgot ")) {
                        forgotten.add(line.substring(7));
                        if (++seen == killAfter) {
                            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
                            break;
                        }
                    }
                }
                while ((line = readQuietly(out)) != null) {
                    if (line.startsWith("forgot ")) {
                        forgotten.add(line.substring(7));
                    }
                }
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // the chain after the last acknowledged one may have been stored, or half-forgotten, when killed
            for (int i = 0; i <= forgotten.size() - before; i++) {
                started.add("r" + round + "-" + i);
            }
            try (LuceneMemory m = LuceneMemory.open(dir)) {
                for (String n : forgotten) {
                    assertThat(m.read("pref-" + n)).as("acknowledged forget of pref-%s", n).isNull();
                    assertThat(m.read("skill-" + n)).as("skill-%s, derived from pref-%s", n, n).isNull();
                    assertThat(m.read("skill2-" + n)).as("skill2-%s, derived from skill-%s", n, n).isNull();
                }
                for (String n : started) {
                    if (m.read("skill-" + n) != null) {
                        assertThat(m.read("pref-" + n)).as("source of the surviving skill-%s", n).isNotNull();
                    }
                    if (m.read("skill2-" + n) != null) {
                        assertThat(m.read("skill-" + n)).as("source of the surviving skill2-%s", n).isNotNull();
                    }
                }
            }
        }
        assertThat(forgotten.size()).isGreaterThanOrEqualTo(ROUNDS * 3);
    }

    private static String readQuietly(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
