package dev.aios.testing.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes random weights as safetensors: one {@code model.safetensors}, or shards with a
 * {@code model.safetensors.index.json}. Values come from one seeded generator in tensor order, so
 * the same seed gives the same values whatever the dtype or the number of shards, and stream to
 * disk through one small buffer, so a SmolLM-135M-sized checkpoint needs no more heap than a tiny one.
 */
final class SafetensorsWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsWriter.class);

    /** Checkpoints larger than this log their progress at INFO. */
    private static final long LOG_PROGRESS_ABOVE_BYTES = 64L * 1024 * 1024;

    private final Map<String, long[]> shapes;
    private final WeightType dtype;
    private final double weightScale;
    private final SplittableRandom random;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

    SafetensorsWriter(Map<String, long[]> shapes, WeightType dtype, double weightScale, long seed) {
        this.shapes = shapes;
        this.dtype = dtype;
        this.weightScale = weightScale;
        this.random = new SplittableRandom(seed);
    }

    /** Writes all tensors into {@code shards} files in {@code dir}, removing the other layout's files. */
    void write(Path dir, int shards) throws IOException {
        List<String> names = new ArrayList<>(shapes.keySet());
        List<List<String>> byShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            byShard.add(new ArrayList<>());
        }
        for (int i = 0; i < names.size(); i++) {
            byShard.get((int) ((long) i * shards / names.size())).add(names.get(i));
        }
        long total = 0;
        for (long[] shape : shapes.values()) {
            total += CheckpointConfig.elements(shape) * dtype.bytes();
        }
        Progress progress = new Progress(dir, total);
        if (shards == 1) {
            writeFile(dir.resolve("model.safetensors"), names, progress);
            Files.deleteIfExists(dir.resolve("model.safetensors.index.json"));
            return;
        }
        ObjectNode index = CheckpointJson.MAPPER.createObjectNode();
        index.putObject("metadata").put("total_size", total);
        ObjectNode weightMap = index.putObject("weight_map");
        for (int s = 0; s < shards; s++) {
            String file = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
            writeFile(dir.resolve(file), byShard.get(s), progress);
            for (String name : byShard.get(s)) {
                weightMap.put(name, file);
            }
        }
        Files.deleteIfExists(dir.resolve("model.safetensors"));
        CheckpointJson.MAPPER.writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
    }

    private void writeFile(Path file, List<String> names, Progress progress) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        long offset = 0;
        for (String name : names) {
            long bytes = CheckpointConfig.elements(shapes.get(name)) * dtype.bytes();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", shapes.get(name));
            entry.put("data_offsets", new long[] {offset, offset + bytes});
            header.put(name, entry);
            offset += bytes;
        }
        byte[] headerJson = CheckpointJson.COMPACT.writeValueAsBytes(header);
        // Pad with spaces to a multiple of 8 so that the data starts aligned, as safetensors does.
        int padded = (headerJson.length + 7) / 8 * 8;
        ByteBuffer start = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        start.putLong(padded).put(headerJson);
        while (start.hasRemaining()) {
            start.put((byte) ' ');
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, start.flip());
            for (String name : names) {
                long n = CheckpointConfig.elements(shapes.get(name));
                writeTensor(ch, n, name.endsWith("norm.weight") ? 1.0 : 0.0);
                progress.wrote(n * dtype.bytes());
            }
        }
    }

    /** Draws {@code n} values from N(mean, weightScale): RMSNorm weights scatter around 1, the rest around 0. */
    private void writeTensor(FileChannel ch, long n, double mean) throws IOException {
        buffer.clear();
        for (long i = 0; i < n; i++) {
            if (buffer.remaining() < 4) {
                writeFully(ch, buffer.flip());
                buffer.clear();
            }
            float v = (float) (mean + weightScale * random.nextGaussian());
            switch (dtype) {
                case F32 -> buffer.putFloat(v);
                case F16 -> buffer.putShort(Float.floatToFloat16(v));
                case BF16 -> buffer.putShort(toBf16(v));
            }
        }
        writeFully(ch, buffer.flip());
    }

    /** Rounds to nearest even, as PyTorch does when it converts F32 to BF16. */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Logs every tenth of a big checkpoint at INFO, small ones once at DEBUG. */
    private static final class Progress {
        private final Path dir;
        private final long total;
        private long written;
        private int lastTenth;

        Progress(Path dir, long total) {
            this.dir = dir;
            this.total = total;
        }

        void wrote(long bytes) {
            written += bytes;
            if (total <= LOG_PROGRESS_ABOVE_BYTES) {
                if (written == total) {
                    LOG.debug("Wrote a random checkpoint of {} bytes to {}", total, dir);
                }
                return;
            }
            int tenth = (int) (written * 10 / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                LOG.info("Random checkpoint in {}: {} of {} MB written", dir, written >> 20, total >> 20);
            }
        }
    }
}
