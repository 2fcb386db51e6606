package dev.aios.bench.local;

import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.aios.testing.checkpoint.WeightType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The checkpoint both engines load: random F32 weights with SmolLM-135M's shapes, written by
 * {@link RandomCheckpoint} once and reused while its marker file says it is the same checkpoint.
 * A folder without the marker that already holds a model (a real SmolLM download, say) is used as
 * it is and never overwritten.
 */
final class SmolLmCheckpoint {
    static final String MARKER = ".aios-bench-checkpoint";
    static final long SEED = 1;
    static final String DESCRIPTION = "RandomCheckpoint.smolLm135mShapes() F32 seed " + SEED;

    private SmolLmCheckpoint() {}

    /** Ensures {@code dir} holds a checkpoint and says where it came from. */
    static String ensure(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (Files.isRegularFile(marker)) {
            String written = Files.readString(marker, StandardCharsets.UTF_8).strip();
            if (written.equals(DESCRIPTION)) {
                return "reused (" + DESCRIPTION + ")";
            }
            System.err.println("checkpoint marker says '" + written + "', not '" + DESCRIPTION + "': rewriting");
        } else if (Files.isRegularFile(dir.resolve("config.json"))
                && Files.isRegularFile(dir.resolve("model.safetensors"))) {
            return "given (no " + MARKER + " marker: used as it is, never overwritten)";
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(dir + " holds files but no checkpoint (no config.json and"
                            + " model.safetensors, no " + MARKER + "): pass an empty or absent folder");
                }
            }
        }
        System.err.println("writing the random SmolLM-135M-shaped checkpoint to " + dir + " ...");
        long start = System.nanoTime();
        // Written beside the target and moved in whole, so an interrupted write is never reused.
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, dir.getFileName() + ".writing-");
        RandomCheckpoint.smolLm135mShapes().dtype(WeightType.F32).seed(SEED).writeTo(tmp);
        Files.writeString(tmp.resolve(MARKER), DESCRIPTION + "\n", StandardCharsets.UTF_8);
        deleteRecursively(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf("  written in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return "written (" + DESCRIPTION + ")";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
