package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
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
 * Kills a forked JVM (SIGKILL) in the middle of writes, several times, and checks that the store
 * opens every time and holds every write that was acknowledged; while the writer runs, a second
 * opener gets the write-lock error, not a corrupt store.
 */
class DurabilityIT {
    static final int ROUNDS = 5;
    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Random random = new Random(42);
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), DurabilityWriter.class.getName(),
                    dir.toString(), "r" + round)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("ready");
                if (round == 0) {
                    assertThatThrownBy(() -> LuceneMemory.open(dir)).isInstanceOf(AiOsException.class)
                            .hasMessageContaining("is already open").satisfies(e ->
                                    assertThat(((AiOsException) e).isRetriable()).isTrue());
                }
                int killAfter = 10 + random.nextInt(60);
                int seen = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("ack ")) {
                        acknowledged.add(line.substring(4));
                        if (++seen == killAfter) {
                            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
                            break;
                        }
                    }
                }
                // acks already printed before the kill landed count too
                while ((line = readQuietly(out)) != null) {
                    if (line.startsWith("ack ")) {
                        acknowledged.add(line.substring(4));
                    }
                }
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (LuceneMemory m = LuceneMemory.open(dir)) {
                for (String id : acknowledged) {
                    assertThat(m.read(id)).as("acknowledged %s after round %d", id, round).isNotNull();
                }
                assertThat(m.size()).isGreaterThanOrEqualTo(acknowledged.size());
            }
        }
        assertThat(acknowledged.size()).isGreaterThan(ROUNDS * 10);
    }

    private static String readQuietly(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
