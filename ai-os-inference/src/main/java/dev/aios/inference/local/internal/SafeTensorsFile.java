package dev.aios.inference.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One open safetensors file: an 8-byte little-endian header length N, N bytes of JSON header
 * naming each tensor's dtype, shape and {@code data_offsets} (relative to the first byte after the
 * header), then the data.
 *
 * <p>{@link #open} checks the whole header before it allocates anything in proportion to what
 * the file claims: the header length against the file size and a 100 MB cap, then every tensor's
 * offsets against the data region, its byte size against dtype times shape, and all tensors
 * against each other for overlap. Tensor data is never read into the heap here; {@link #map}
 * hands out a read-only memory map of exactly one tensor.
 *
 * <p>Not thread-safe to {@link #close()} while another thread maps; mapping from several threads
 * is fine.
 */
public final class SafeTensorsFile implements AutoCloseable {

    /** Headers larger than this are refused: real ones are a few hundred kilobytes at most. */
    static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final Map<String, TensorInfo> tensors;

    private SafeTensorsFile(Path file, FileChannel channel, Map<String, TensorInfo> tensors) {
        this.file = file;
        this.channel = channel;
        this.tensors = tensors;
    }

    /**
     * Opens a safetensors file and validates its header.
     *
     * @param file the {@code .safetensors} file
     * @return the open file; close it when done (maps already handed out stay valid)
     * @throws ModelFormatException if the file is missing, unreadable, truncated, or its header is
     *     malformed or disagrees with itself or with the file's size
     */
    public static SafeTensorsFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("Safetensors file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot open safetensors file " + file + ": " + e.getMessage(), e);
        }
        try {
            Map<String, TensorInfo> tensors = readHeader(file, channel);
            return new SafeTensorsFile(file, channel, tensors);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        } catch (IOException e) {
            ModelFormatException failure =
                    new ModelFormatException("Cannot read safetensors file " + file + ": " + e.getMessage(), e);
            closeQuietly(channel, failure);
            throw failure;
        }
    }

    private static Map<String, TensorInfo> readHeader(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new ModelFormatException("Safetensors file " + file + " is truncated: " + size
                    + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lengthBytes, 0);
        long headerLength = lengthBytes.flip().getLong();
        // Unsigned: a "negative" length is an enormous one, and just as wrong.
        if (headerLength < 0 || headerLength > size - 8) {
            throw new ModelFormatException("Safetensors file " + file + " has a header length of "
                    + Long.toUnsignedString(headerLength) + " bytes, but only " + (size - 8)
                    + " bytes follow the length field: the file is truncated or not a safetensors file");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException("Safetensors file " + file + " has a header length of " + headerLength
                    + " bytes, more than the " + MAX_HEADER_BYTES + " bytes allowed: not a safetensors file");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, 8);
        JsonNode header;
        try {
            header = ModelJson.STRICT.readTree(headerBytes.array());
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("Safetensors file " + file + " has a header that is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new ModelFormatException("Safetensors file " + file + " has a header that is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataSize = size - dataStart;
        Map<String, TensorInfo> tensors = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : header.properties()) {
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            tensors.put(entry.getKey(), tensor(file, entry.getKey(), entry.getValue(), dataStart, dataSize));
        }
        checkNoOverlap(file, tensors, dataStart);
        return Collections.unmodifiableMap(tensors);
    }

    private static TensorInfo tensor(Path file, String name, JsonNode node, long dataStart, long dataSize) {
        String where = "tensor '" + name + "' in " + file;
        if (!node.isObject()) {
            throw new ModelFormatException("Safetensors header entry for " + where + " is not a JSON object: " + node);
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new ModelFormatException("Safetensors header entry for " + where + " has no \"dtype\" string");
        }
        TensorType type = TensorType.parse(dtype.asText(), file.toString(), name);
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new ModelFormatException("Safetensors header entry for " + where + " has no \"shape\" array");
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
                throw new ModelFormatException("Safetensors header entry for " + where + " has shape " + shapeNode
                        + ": dimension " + i + " is " + d + ", expected a non-negative integer");
            }
            shape[i] = d.asLong();
            try {
                elements = Math.multiplyExact(elements, shape[i]);
            } catch (ArithmeticException e) {
                throw new ModelFormatException("Safetensors header entry for " + where + " has shape " + shapeNode
                        + " whose element count overflows a 64-bit integer", e);
            }
        }
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(elements, (long) type.bytes());
        } catch (ArithmeticException e) {
            throw new ModelFormatException("Safetensors header entry for " + where + " has shape " + shapeNode
                    + " whose byte size overflows a 64-bit integer", e);
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw new ModelFormatException("Safetensors header entry for " + where + " has data_offsets " + offsets
                    + ", expected [begin, end] as two integers");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin) {
            throw new ModelFormatException("Safetensors header entry for " + where + " has data_offsets ["
                    + begin + ", " + end + "], expected 0 <= begin <= end");
        }
        if (end > dataSize) {
            throw new ModelFormatException("Safetensors file " + file + " is truncated or its header is wrong: "
                    + where + " ends at data offset " + end + ", but the data region holds only " + dataSize
                    + " bytes");
        }
        if (end - begin != expectedBytes) {
            throw new ModelFormatException("Safetensors header entry for " + where + " has data_offsets ["
                    + begin + ", " + end + "] spanning " + (end - begin) + " bytes, but dtype " + type + " x shape "
                    + Arrays.toString(shape) + " needs " + expectedBytes + " bytes");
        }
        return new TensorInfo(name, type, shape, file, dataStart + begin, expectedBytes);
    }

    private static void checkNoOverlap(Path file, Map<String, TensorInfo> tensors, long dataStart) {
        List<TensorInfo> byOffset = new ArrayList<>();
        for (TensorInfo t : tensors.values()) {
            if (t.length() > 0) {
                byOffset.add(t);
            }
        }
        byOffset.sort(Comparator.comparingLong(TensorInfo::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            TensorInfo previous = byOffset.get(i - 1);
            TensorInfo current = byOffset.get(i);
            if (current.offset() < previous.offset() + previous.length()) {
                throw new ModelFormatException("Safetensors file " + file + " has overlapping tensors: '"
                        + previous.name() + "' occupies data bytes [" + (previous.offset() - dataStart) + ", "
                        + (previous.offset() + previous.length() - dataStart) + ") and '" + current.name()
                        + "' starts inside it at " + (current.offset() - dataStart));
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += n;
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** @return the file this was opened from */
    public Path file() {
        return file;
    }

    /** @return every tensor in the file by name, in name order, without {@code __metadata__}; unmodifiable */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /**
     * Memory-maps one tensor of this file.
     *
     * @param t a tensor of this file, from {@link #tensors()}
     * @return a read-only little-endian buffer of exactly {@code t.length()} bytes
     * @throws ModelFormatException if the tensor is not in this file, is larger than 2 GiB (one
     *     mapped buffer cannot hold it), or the file cannot be mapped
     * @throws IllegalStateException if this file has been closed
     */
    public ByteBuffer map(TensorInfo t) {
        if (!t.file().equals(file) || !t.equals(tensors.get(t.name()))) {
            throw new ModelFormatException("Tensor '" + t.name() + "' is not in " + file + " (it is in " + t.file() + ")");
        }
        return TensorMaps.map(channel, file, "Safetensors", t.name(), t.offset(), t.length());
    }

    /** Closes the file; buffers already mapped stay readable until they are garbage. */
    @Override
    public void close() {
        TensorMaps.close(channel);
    }
}
