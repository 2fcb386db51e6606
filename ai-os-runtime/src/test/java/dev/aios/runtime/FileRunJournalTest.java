package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import dev.aios.runtime.internal.journal.RunFile;
import dev.aios.testing.RunJournalContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file journal passes the contract, and keeps its promises about torn tails, full disks, processes and flushes. */
class FileRunJournalTest extends RunJournalContract {
    @TempDir
    static Path base;
    private static Path tmpfs;

    private final Map<RunJournal, Path> where = new IdentityHashMap<>();

    @Override
    protected RunJournal newJournal() {
        Path dir = base.resolve(UUID.randomUUID().toString());
        FileRunJournal journal = FileRunJournal.open(dir);
        where.put(journal, dir);
        return journal;
    }

    @Override
    protected RunJournal reopen(RunJournal old) {
        old.close();
        Path dir = where.get(old);
        FileRunJournal journal = FileRunJournal.open(dir);
        where.put(journal, dir);
        return journal;
    }

    private static Path freshDir() {
        return base.resolve(UUID.randomUUID().toString());
    }

    private static JournalEntry start() {
        return new JournalEntry(Kind.RUN_STARTED, "{\"goal\":\"g\"}", Instant.parse("2025-03-01T10:00:00.123456Z"));
    }

    private static JournalEntry step(int n) {
        return new JournalEntry(Kind.STEP_OUTCOME, "{\"step\":" + n + ",\"text\":\"\u00e9\u20ac\"}",
                Instant.parse("2025-03-01T10:00:01Z").plusMillis(n));
    }

    @Test
    void aRunIdWithSlashesIsOneFileInTheFolder() throws IOException {
        Path dir = freshDir();
        try (FileRunJournal journal = FileRunJournal.open(dir)) {
            journal.create("../up/a b", start()).close();
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .containsExactly("..%2Fup%2Fa%20b.lock", "..%2Fup%2Fa%20b.run");
            }
            assertThat(journal.runIds()).containsExactly("../up/a b");
        }
    }

    @Test
    void aBodyOverSixteenMebibytesIsRejectedWithItsSize() {
        try (FileRunJournal journal = FileRunJournal.open(freshDir())) {
            RunLog log = journal.create("big", start());
            String body = "{\"x\":\"" + "a".repeat((16 << 20) + 1) + "\"}";
            assertThatThrownBy(() -> log.append(new JournalEntry(Kind.PLAN, body, Instant.now())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(body.length() + " characters")
                    .hasMessageContaining("16 MiB");
            log.append(step(1)); // the log is still usable
            log.close();
            assertThat(journal.read("big")).hasSize(2);
        }
    }

    @Test
    void aTornTailAtEveryByteOfTheLastRecordLeavesTheEarlierEntriesAndAppendsAfterThem() throws IOException {
        Path dir = freshDir();
        Path file;
        long before;
        try (FileRunJournal journal = FileRunJournal.open(dir)) {
            RunLog log = journal.create("torn", start());
            log.append(step(1));
            log.close();
            file = dir.resolve("torn.run");
            before = Files.size(file);
            RunLog again = journal.claim("torn").orElseThrow();
            again.append(step(2));
            again.close();
        }
        byte[] whole = Files.readAllBytes(file);
        assertThat(whole.length).isGreaterThan((int) before);
        for (int length = (int) before; length < whole.length; length++) {
            Files.write(file, Arrays.copyOf(whole, length));
            try (FileRunJournal journal = FileRunJournal.open(dir)) {
                assertThat(journal.read("torn")).as("read, cut at %d", length).containsExactly(start(), step(1));
                RunLog log = journal.claim("torn").orElseThrow();
                assertThat(log.entries()).as("claim, cut at %d", length).containsExactly(start(), step(1));
                assertThat(Files.size(file)).as("the torn tail is cut off").isEqualTo(before);
                log.append(step(3));
                log.close();
                assertThat(journal.read("torn")).containsExactly(start(), step(1), step(3));
            }
        }
    }

    @Test
    void aFlippedByteAnywhereInTheLastRecordIsDetectedAndTheEarlierEntriesKept() throws IOException {
        Path dir = freshDir();
        Path file = dir.resolve("flip.run");
        long before;
        try (FileRunJournal journal = FileRunJournal.open(dir)) {
            RunLog log = journal.create("flip", start());
            log.append(step(1));
            before = Files.size(file);
            log.append(step(2));
            log.close();
        }
        byte[] whole = Files.readAllBytes(file);
        for (int at = (int) before; at < whole.length; at++) {
            byte[] bad = whole.clone();
            bad[at] ^= 0x20;
            Files.write(file, bad);
            try (FileRunJournal journal = FileRunJournal.open(dir)) {
                assertThat(journal.read("flip")).as("flipped at %d", at).containsExactly(start(), step(1));
                RunLog log = journal.claim("flip").orElseThrow();
                assertThat(log.entries()).containsExactly(start(), step(1));
                log.close();
            }
        }
    }

    /** A disk that fills up on demand: a write stores half its bytes and then fails, as a full disk does. */
    private static final class FillingDisk implements RunFile.Opener {
        final AtomicBoolean full = new AtomicBoolean();
        final AtomicBoolean forceFails = new AtomicBoolean();

        @Override
        public RunFile open(Path path, boolean write) throws IOException {
            RunFile real = RunFile.CHANNELS.open(path, write);
            return new Delegate(real) {
                @Override
                public void write(ByteBuffer src, long position) throws IOException {
                    if (full.get()) {
                        ByteBuffer half = src.slice(src.position(), src.remaining() / 2);
                        real.write(half, position);
                        throw new IOException("No space left on device");
                    }
                    real.write(src, position);
                }

                @Override
                public void force() throws IOException {
                    if (forceFails.get()) {
                        throw new IOException("Input/output error");
                    }
                    real.force();
                }
            };
        }
    }

    private static class Delegate implements RunFile {
        final RunFile real;

        Delegate(RunFile real) {
            this.real = real;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            real.write(src, position);
        }

        @Override
        public void force() throws IOException {
            real.force();
        }

        @Override
        public void truncate(long size) throws IOException {
            real.truncate(size);
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public void close() throws IOException {
            real.close();
        }
    }

    @Test
    void aFullDiskFailsTheLogWithAClearErrorAndLeavesExactlyTheEarlierEntries() throws IOException {
        Path dir = freshDir();
        FillingDisk disk = new FillingDisk();
        try (FileRunJournal journal = FileRunJournal.builder(dir).opener(disk).open()) {
            RunLog log = journal.create("full", start());
            log.append(step(1));
            long good = Files.size(dir.resolve("full.run"));
            disk.full.set(true);

            assertThatThrownBy(() -> log.append(step(2))).isInstanceOf(JournalException.class)
                    .hasMessageContaining("'full'").hasMessageContaining(dir.resolve("full.run").toString())
                    .hasMessageContaining("No space left on device").hasMessageNotContaining("\"step\"");
            disk.full.set(false);
            assertThatThrownBy(() -> log.append(step(3))).as("no later append succeeds")
                    .isInstanceOf(JournalException.class).hasMessageContaining("No space left on device");
            assertThatThrownBy(() -> log.appendLater(step(3))).isInstanceOf(JournalException.class);
            assertThat(Files.size(dir.resolve("full.run"))).as("the half-written record is cut off").isEqualTo(good);
            assertThat(journal.read("full")).containsExactly(start(), step(1));
            log.close();

            RunLog again = journal.claim("full").orElseThrow();
            assertThat(again.entries()).containsExactly(start(), step(1));
            again.append(step(4));
            again.close();
            assertThat(journal.read("full")).containsExactly(start(), step(1), step(4));
        }
    }

    @Test
    void aFailedFlushCutsOffEverythingItCoveredAndEveryAppendAfterThrows() throws IOException {
        Path dir = freshDir();
        FillingDisk disk = new FillingDisk();
        try (FileRunJournal journal = FileRunJournal.builder(dir).opener(disk).open()) {
            RunLog log = journal.create("eio", start());
            log.append(step(1));
            log.appendLater(step(2));
            disk.forceFails.set(true);

            assertThatThrownBy(() -> log.append(step(3))).isInstanceOf(JournalException.class)
                    .hasMessageContaining("Input/output error").hasMessageContaining("'eio'");
            disk.forceFails.set(false);
            assertThatThrownBy(() -> log.append(step(4))).isInstanceOf(JournalException.class);
            log.close();
            assertThat(journal.read("eio")).containsExactly(start(), step(1));
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRealFullFileSystemFailsTheLogWithNoSpaceLeftOnDevice() throws Exception {
        Path dir = base.resolve("tmpfs");
        Files.createDirectories(dir);
        boolean mounted = false;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            mounted = false;
        }
        Assumptions.assumeTrue(mounted, "cannot mount a 256 KiB tmpfs here (needs root and mount permission);"
                + " the injected full disk covers the same path");
        tmpfs = dir;
        List<JournalEntry> written = new ArrayList<>(List.of(start()));
        try (FileRunJournal journal = FileRunJournal.open(dir.resolve("journal"))) {
            RunLog log = journal.create("tmpfs", start());
            String chunk = "{\"x\":\"" + "y".repeat(20_000) + "\"}";
            JournalException failed = null;
            for (int i = 0; i < 100 && failed == null; i++) {
                JournalEntry e = new JournalEntry(Kind.STEP_OUTCOME, chunk, Instant.ofEpochSecond(i));
                try {
                    log.append(e);
                    written.add(e);
                } catch (JournalException ex) {
                    failed = ex;
                }
            }
            assertThat(failed).as("a 256 KiB file system fills up").isNotNull();
            assertThat(failed.getMessage()).contains("No space left on device").contains("'tmpfs'");
            assertThatThrownBy(() -> log.append(step(1))).isInstanceOf(JournalException.class);
            log.close();
            assertThat(journal.read("tmpfs")).isEqualTo(written);
        }
    }

    @AfterAll
    static void unmount() throws Exception {
        if (tmpfs != null) {
            new ProcessBuilder("umount", tmpfs.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process claimer(Path dir, String runId) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), JournalClaimer.class.getName(), dir.toString(), runId)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String line(BufferedReader in) throws IOException {
        String l = in.readLine();
        return l == null ? "<end of output>" : l;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoProcessesClaimingTheSameRunAtOnceMakeExactlyOneOwner() throws Exception {
        Path dir = freshDir();
        try (FileRunJournal journal = FileRunJournal.open(dir)) {
            journal.create("raced", start()).close();
        }
        Process a = claimer(dir, "raced");
        Process b = claimer(dir, "raced");
        try {
            BufferedReader outA = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
            BufferedReader outB = new BufferedReader(new InputStreamReader(b.getInputStream(), StandardCharsets.UTF_8));
            assertThat(line(outA)).isEqualTo("READY");
            assertThat(line(outB)).isEqualTo("READY");
            Writer inA = new OutputStreamWriter(a.getOutputStream(), StandardCharsets.UTF_8);
            Writer inB = new OutputStreamWriter(b.getOutputStream(), StandardCharsets.UTF_8);
            inA.write("go\n");
            inB.write("go\n");
            inA.flush();
            inB.flush();
            List<String> results = List.of(line(outA), line(outB));
            assertThat(results).containsExactlyInAnyOrder("WON", "LOST");
            try (FileRunJournal journal = FileRunJournal.open(dir)) {
                assertThat(journal.claim("raced")).as("owned by the winner").isEmpty();
            }
            inA.close();
            inB.close();
            assertThat(a.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aProcessKilledWithSigkillReleasesItsRun() throws Exception {
        Path dir = freshDir();
        try (FileRunJournal journal = FileRunJournal.open(dir)) {
            RunLog log = journal.create("killed", start());
            log.append(step(1));
            log.close();
        }
        Process holder = claimer(dir, "killed");
        try (FileRunJournal journal = FileRunJournal.open(dir)) {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(line(out)).isEqualTo("READY");
            Writer in = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
            in.write("go\n");
            in.flush();
            assertThat(line(out)).isEqualTo("WON");
            assertThat(journal.claim("killed")).as("owned by the other process").isEmpty();
            assertThat(journal.delete("killed")).as("an owned run is not deleted").isFalse();

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();

            Optional<RunLog> mine = journal.claim("killed");
            assertThat(mine).as("the dead process's lock is gone").isPresent();
            assertThat(mine.orElseThrow().entries()).containsExactly(start(), step(1));
            mine.orElseThrow().close();
        } finally {
            holder.destroyForcibly();
        }
    }

    /** Opens files whose first force waits until {@code writers} records were written: a deterministic burst. */
    private static final class SlowFirstForce implements RunFile.Opener {
        final AtomicInteger writes = new AtomicInteger();
        final AtomicBoolean armed = new AtomicBoolean();
        final int writers;

        SlowFirstForce(int writers) {
            this.writers = writers;
        }

        @Override
        public RunFile open(Path path, boolean write) throws IOException {
            return new Delegate(RunFile.CHANNELS.open(path, write)) {
                @Override
                public void write(ByteBuffer src, long position) throws IOException {
                    real.write(src, position);
                    writes.incrementAndGet();
                }

                @Override
                public void force() throws IOException {
                    if (armed.compareAndSet(true, false)) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (writes.get() < writers && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                            Thread.yield();
                        }
                    }
                    real.force();
                }
            };
        }
    }

    private static long burst(FileRunJournal journal, RunLog log, int threads) throws Exception {
        long flushesBefore = journal.flushCount();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    log.append(step(100 + n));
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue(); // every thread started and waiting
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return journal.flushCount() - flushesBefore;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void twentyConcurrentAppendsShareFlushesWhileOneRuns() throws Exception {
        SlowFirstForce disk = new SlowFirstForce(20);
        try (FileRunJournal journal = FileRunJournal.builder(freshDir()).opener(disk).open()) {
            RunLog log = journal.create("group", start());
            disk.writes.set(0);
            disk.armed.set(true);
            long flushes = burst(journal, log, 20);
            assertThat(flushes).as("forces for 20 appends arriving during a force").isBetween(1L, 3L);
            log.close();
            assertThat(journal.read("group")).hasSize(21);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void twentyConcurrentAppendsOnARealDiskShareFlushes() throws Exception {
        try (FileRunJournal journal = FileRunJournal.open(freshDir())) {
            RunLog log = journal.create("group-real", start());
            burst(journal, log, 20); // a first burst warms up the code paths (the JIT)
            long flushes = burst(journal, log, 20);
            System.out.println("20 concurrent appends on " + base + ": " + flushes + " forces");
            // Unshared, 20 appends would force 20 times. How many arrive during one force depends on the
            // disk and the scheduler: 2 to 5 were seen on a loaded 2-core machine, so the bound is loose.
            assertThat(flushes).as("forces for 20 concurrent appends").isBetween(1L, 7L);
            log.close();
            assertThat(journal.read("group-real")).hasSize(41);
        }
    }

    @Test
    void appendLaterDoesNotForceAndAppendDoesOnce() {
        try (FileRunJournal journal = FileRunJournal.open(freshDir())) {
            RunLog log = journal.create("counted", start());
            long before = journal.flushCount();
            log.appendLater(step(1));
            log.appendLater(step(2));
            assertThat(journal.flushCount()).isEqualTo(before);
            log.append(step(3));
            assertThat(journal.flushCount()).isEqualTo(before + 1);
            log.close();
            assertThat(journal.flushCount()).as("nothing left to force at close").isEqualTo(before + 1);
        }
        try (FileRunJournal journal = FileRunJournal.builder(freshDir()).fsync(false).open()) {
            RunLog log = journal.create("unforced", start());
            log.append(step(1));
            log.close();
            assertThat(journal.flushCount()).isZero();
            assertThat(journal.read("unforced")).containsExactly(start(), step(1));
        }
    }
}
