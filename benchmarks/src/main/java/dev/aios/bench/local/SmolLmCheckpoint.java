package dev.aios.bench.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.inference.local.internal.TensorType;
import dev.aios.inference.local.testing.RandomCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
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
        RandomCheckpoint.smolLm135mShapes().dtype(TensorType.F32).seed(SEED).writeTo(tmp);
        Files.writeString(tmp.resolve(MARKER), DESCRIPTION + "\n", StandardCharsets.UTF_8);
        deleteRecursively(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf("  written in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return "written (" + DESCRIPTION + ")";
    }

    /**
     * Bytes of weights one decode step reads, from the safetensors header: every tensor once, the
     * output projection whole, and one row of the input embedding (the whole embedding matrix when
     * it is tied to the output projection, since the projection reads it).
     */
    static long weightBytesPerToken(Path dir) throws IOException {
        JsonNode header = header(dir.resolve("model.safetensors"));
        long total = 0;
        long embedding = 0;
        long embeddingRow = 0;
        boolean lmHead = false;
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode offsets = e.getValue().get("data_offsets");
            long bytes = offsets.get(1).asLong() - offsets.get(0).asLong();
            total += bytes;
            if (e.getKey().equals("model.embed_tokens.weight")) {
                embedding = bytes;
                embeddingRow = bytes / e.getValue().get("shape").get(0).asLong();
            }
            lmHead |= e.getKey().equals("lm_head.weight");
        }
        return lmHead ? total - embedding + embeddingRow : total + embeddingRow;
    }

    /** Bytes of all tensors in the checkpoint. */
    static long weightBytes(Path dir) throws IOException {
        return Files.size(dir.resolve("model.safetensors")) - 8 - headerLength(dir.resolve("model.safetensors"));
    }

    private static JsonNode header(Path file) throws IOException {
        long length = headerLength(file);
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer json = ByteBuffer.allocate(Math.toIntExact(length));
            ch.read(json, 8);
            return new ObjectMapper().readTree(new String(json.array(), StandardCharsets.UTF_8));
        }
    }

    private static long headerLength(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(len, 0);
            return len.flip().getLong();
        }
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
