package dev.aios.inference.local.internal;

import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open GGUF file (the format of llama.cpp and Ollama), versions 2 and 3: the magic
 * {@code GGUF}, a version, the tensor and metadata counts, typed metadata key-value pairs, one
 * info per tensor (name, dimensions, ggml type, offset), then the tensor data, aligned to
 * {@code general.alignment} (32 when absent). All little-endian.
 *
 * <p>{@link #open} validates the whole header before it allocates anything in proportion to what
 * the file claims: every count, string and array length against the bytes left in the file (and
 * a cap), every tensor's byte size against its type and dimensions, its offset against the
 * alignment and the data region, and all tensors against each other for overlap. Metadata values
 * are held as {@code Long} (all integer types), {@code Double} (both float types),
 * {@code Boolean}, {@code String} or an unmodifiable {@code List} of these. Tensor data is
 * memory-mapped on demand by {@link #map}, never read into the heap here.
 */
final class GgufFile implements AutoCloseable {

    /** "GGUF" read as a little-endian int. */
    private static final int MAGIC = 0x46554747;
    private static final int MAX_DIMS = 4;
    /** Real strings (chat templates, token texts) are far smaller than this. */
    static final long MAX_STRING_BYTES = 16L * 1024 * 1024;
    /** Enough for a 16M-entry vocabulary; real ones have at most a few hundred thousand. */
    static final long MAX_ARRAY_LENGTH = 1L << 24;
    private static final int MAX_NESTING = 4;
    private static final int DEFAULT_ALIGNMENT = 32;

    /**
     * Where one tensor lies.
     *
     * @param name the GGUF name, for example {@code blk.0.attn_q.weight}
     * @param type its ggml type
     * @param dims its dimensions as GGUF writes them: {@code dims[0]} is the fastest-varying axis,
     *     the reverse of a PyTorch shape
     * @param offset the absolute byte offset of its data in the file
     * @param bytes its data's size in bytes
     */
    record Tensor(String name, GgmlType type, long[] dims, long offset, long bytes) {
        Tensor {
            dims = dims.clone();
        }

        @Override
        public long[] dims() {
            return dims.clone();
        }

        /** @return the dimensions outermost first, as a PyTorch shape */
        long[] shape() {
            long[] s = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                s[i] = dims[dims.length - 1 - i];
            }
            return s;
        }

        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return name + " " + type + " " + Arrays.toString(dims);
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final int version;
    private final GgufMetadata metadata;
    private final Map<String, Tensor> tensors;

    private GgufFile(Path file, FileChannel channel, int version, GgufMetadata metadata, Map<String, Tensor> tensors) {
        this.file = file;
        this.channel = channel;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    /**
     * Opens a GGUF file and validates its header.
     *
     * @throws ModelFormatException if the file is missing, unreadable, truncated, not GGUF, of
     *     another version, or its header is malformed or disagrees with itself or the file's size;
     *     the message names the file and the problem
     */
    static GgufFile open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("GGUF file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot open GGUF file " + file + ": " + e.getMessage(), e);
        }
        try {
            return read(file, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        } catch (IOException e) {
            ModelFormatException failure =
                    new ModelFormatException("Cannot read GGUF file " + file + ": " + e.getMessage(), e);
            closeQuietly(channel, failure);
            throw failure;
        }
    }

    private static GgufFile read(Path file, FileChannel channel) throws IOException {
        Cursor in = new Cursor(file, channel);
        if (in.size < 4 || in.i32("the magic") != MAGIC) {
            throw new ModelFormatException("GGUF file " + file + " does not start with the magic \"GGUF\": not a GGUF file");
        }
        int version = in.i32("the version");
        if (version != 2 && version != 3) {
            String hint = Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3
                    ? " (a big-endian GGUF file: only little-endian ones are supported)"
                    : version == 1 ? " (GGUF v1 is obsolete: convert the model again with a current llama.cpp)" : "";
            throw new ModelFormatException("GGUF file " + file + " has version " + Integer.toUnsignedString(version)
                    + "; supported: 2, 3" + hint);
        }
        long tensorCount = in.count("the tensor count", 24);
        long kvCount = in.count("the metadata count", 13);
        Map<String, Object> values = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = in.string("metadata key " + i);
            int type = in.i32("the type of metadata key '" + key + "'");
            Object value = in.value(type, "metadata key '" + key + "'", 0);
            if (values.put(key, value) != null) {
                throw new ModelFormatException("GGUF file " + file + " has metadata key '" + key + "' twice");
            }
        }
        GgufMetadata metadata = new GgufMetadata(file, Collections.unmodifiableMap(values));
        long alignment = metadata.optionalLong("general.alignment", DEFAULT_ALIGNMENT);
        if (alignment <= 0 || alignment > (1 << 20) || Long.bitCount(alignment) != 1) {
            throw new ModelFormatException("GGUF file " + file + " has general.alignment " + alignment
                    + ", expected a power of two up to 1048576");
        }
        List<long[]> raw = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<GgmlType> types = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            String name = in.string("the name of tensor " + i);
            long dims = Integer.toUnsignedLong(in.i32("the dimension count of tensor '" + name + "'"));
            if (dims < 1 || dims > MAX_DIMS) {
                throw new ModelFormatException("GGUF file " + file + " gives tensor '" + name + "' " + dims
                        + " dimensions; expected 1 to " + MAX_DIMS);
            }
            long[] info = new long[(int) dims + 1];
            for (int d = 0; d < dims; d++) {
                info[d] = in.i64("dimension " + d + " of tensor '" + name + "'");
                if (info[d] < 0) {
                    throw new ModelFormatException("GGUF file " + file + " gives tensor '" + name + "' dimension "
                            + d + " = " + Long.toUnsignedString(info[d]) + ": too large");
                }
            }
            int typeId = in.i32("the type of tensor '" + name + "'");
            GgmlType type = GgmlType.byId(Integer.toUnsignedLong(typeId));
            if (type == null) {
                throw new ModelFormatException("GGUF file " + file + " gives tensor '" + name + "' the unknown ggml type id "
                        + Integer.toUnsignedString(typeId) + "; supported: " + GgmlType.decodableList());
            }
            info[(int) dims] = in.i64("the offset of tensor '" + name + "'");
            names.add(name);
            types.add(type);
            raw.add(info);
        }
        long dataStart = align(in.position, alignment);
        long dataSize = Math.max(0, in.size - dataStart);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Tensor t = tensor(file, names.get(i), types.get(i), raw.get(i), alignment, dataStart, dataSize);
            if (tensors.put(t.name(), t) != null) {
                throw new ModelFormatException("GGUF file " + file + " has tensor '" + t.name() + "' twice");
            }
        }
        checkNoOverlap(file, tensors, dataStart);
        return new GgufFile(file, channel, version, metadata, Collections.unmodifiableMap(tensors));
    }

    private static Tensor tensor(Path file, String name, GgmlType type, long[] info, long alignment, long dataStart,
            long dataSize) {
        long[] dims = Arrays.copyOf(info, info.length - 1);
        long offset = info[info.length - 1];
        String where = "tensor '" + name + "' (" + type + " " + Arrays.toString(dims) + ") in GGUF file " + file;
        if (dims[0] % type.blockElements != 0) {
            throw new ModelFormatException(where + " has a first dimension of " + dims[0] + ", not a multiple of "
                    + type + "'s block of " + type.blockElements);
        }
        long bytes;
        try {
            long elements = 1;
            for (long d : dims) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements / type.blockElements, (long) type.blockBytes);
        } catch (ArithmeticException e) {
            throw new ModelFormatException(where + " has dimensions whose byte size overflows a 64-bit integer", e);
        }
        if (offset < 0 || offset % alignment != 0) {
            throw new ModelFormatException(where + " has data offset " + Long.toUnsignedString(offset)
                    + ", not a multiple of the alignment " + alignment);
        }
        if (offset > dataSize || bytes > dataSize - offset) {
            throw new ModelFormatException("GGUF file " + file + " is truncated or its header is wrong: " + where
                    + " spans data bytes [" + offset + ", " + (offset + bytes) + "), but the data region holds only "
                    + dataSize + " bytes");
        }
        return new Tensor(name, type, dims, dataStart + offset, bytes);
    }

    private static void checkNoOverlap(Path file, Map<String, Tensor> tensors, long dataStart) {
        List<Tensor> byOffset = new ArrayList<>();
        for (Tensor t : tensors.values()) {
            if (t.bytes() > 0) {
                byOffset.add(t);
            }
        }
        byOffset.sort(Comparator.comparingLong(Tensor::offset));
        for (int i = 1; i < byOffset.size(); i++) {
            Tensor previous = byOffset.get(i - 1);
            Tensor current = byOffset.get(i);
            if (current.offset() < previous.offset() + previous.bytes()) {
                throw new ModelFormatException("GGUF file " + file + " has overlapping tensors: '" + previous.name()
                        + "' occupies data bytes [" + (previous.offset() - dataStart) + ", "
                        + (previous.offset() + previous.bytes() - dataStart) + ") and '" + current.name()
                        + "' starts inside it at " + (current.offset() - dataStart));
            }
        }
    }

    private static long align(long position, long alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    Path file() {
        return file;
    }

    int version() {
        return version;
    }

    GgufMetadata metadata() {
        return metadata;
    }

    /** @return every tensor by name, in file order; unmodifiable */
    Map<String, Tensor> tensors() {
        return tensors;
    }

    /**
     * Memory-maps one tensor's data.
     *
     * @return a read-only little-endian buffer of exactly {@code t.bytes()} bytes
     * @throws ModelFormatException if the tensor is larger than one map can hold (2 GiB) or the
     *     file cannot be mapped
     */
    ByteBuffer map(Tensor t) {
        return TensorMaps.map(channel, file, "GGUF", t.name(), t.offset(), t.bytes());
    }

    /** Closes the file; buffers already mapped stay readable until they are garbage. */
    @Override
    public void close() {
        TensorMaps.close(channel);
    }

    /** Reads the header through a small window, checking each length against the bytes left. */
    private static final class Cursor {
        private final Path file;
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer window = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        Cursor(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.size = channel.size();
            window.limit(0);
        }

        private ModelFormatException truncated(String what, long need) {
            return new ModelFormatException("GGUF file " + file + " is truncated: " + what + " needs " + need
                    + " bytes at offset " + position + ", but the file is " + size + " bytes");
        }

        private ByteBuffer need(int n, String what) throws IOException {
            if (size - position < n) {
                throw truncated(what, n);
            }
            if (window.remaining() < n) {
                window.clear();
                window.limit((int) Math.min(window.capacity(), size - position));
                readFully(window, position);
                window.flip();
            }
            position += n;
            return window;
        }

        private void readFully(ByteBuffer into, long at) throws IOException {
            long p = at;
            while (into.hasRemaining()) {
                int n = channel.read(into, p);
                if (n < 0) {
                    throw new IOException("unexpected end of file at byte " + p);
                }
                p += n;
            }
        }

        int i32(String what) throws IOException {
            return need(4, what).getInt();
        }

        long i64(String what) throws IOException {
            return need(8, what).getLong();
        }

        /** A uint64 count of items of at least {@code minBytes} each, checked against the bytes left. */
        long count(String what, int minBytes) throws IOException {
            long n = i64(what);
            if (n < 0 || n > (size - position) / minBytes) {
                throw new ModelFormatException("GGUF file " + file + " has " + what + " " + Long.toUnsignedString(n)
                        + ", more than the " + (size - position) + " bytes left could hold: the file is truncated or"
                        + " not a GGUF file");
            }
            return n;
        }

        String string(String what) throws IOException {
            long length = i64("the length of " + what);
            if (length < 0 || length > size - position) {
                throw new ModelFormatException("GGUF file " + file + " gives " + what + " a length of "
                        + Long.toUnsignedString(length) + " bytes at offset " + position + ", but only "
                        + (size - position) + " bytes are left: the file is truncated or not a GGUF file");
            }
            if (length > MAX_STRING_BYTES) {
                throw new ModelFormatException("GGUF file " + file + " gives " + what + " a length of " + length
                        + " bytes, more than the " + MAX_STRING_BYTES + " allowed");
            }
            int n = (int) length;
            byte[] bytes = new byte[n];
            if (n <= window.capacity()) {
                need(n, what).get(bytes);
            } else {
                readFully(ByteBuffer.wrap(bytes), position);
                position += n;
                window.limit(0);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Object value(int type, String what, int depth) throws IOException {
            return switch (type) {
                case 0 -> (long) (need(1, what).get() & 0xFF);
                case 1 -> (long) need(1, what).get();
                case 2 -> (long) (need(2, what).getShort() & 0xFFFF);
                case 3 -> (long) need(2, what).getShort();
                case 4 -> Integer.toUnsignedLong(need(4, what).getInt());
                case 5 -> (long) need(4, what).getInt();
                case 6 -> (double) need(4, what).getFloat();
                case 7 -> need(1, what).get() != 0;
                case 8 -> string(what);
                case 9 -> array(what, depth);
                case 10, 11 -> need(8, what).getLong();
                case 12 -> need(8, what).getDouble();
                default -> throw new ModelFormatException("GGUF file " + file + " gives " + what
                        + " the unknown value type " + Integer.toUnsignedString(type) + "; GGUF has types 0 to 12");
            };
        }

        private List<Object> array(String what, int depth) throws IOException {
            if (depth >= MAX_NESTING) {
                throw new ModelFormatException("GGUF file " + file + " nests arrays in " + what + " more than "
                        + MAX_NESTING + " deep");
            }
            int elementType = i32("the element type of " + what);
            int minBytes = switch (elementType) {
                case 0, 1, 7 -> 1;
                case 2, 3 -> 2;
                case 4, 5, 6 -> 4;
                case 8, 10, 11, 12 -> 8;
                case 9 -> 12;
                default -> throw new ModelFormatException("GGUF file " + file + " gives the elements of " + what
                        + " the unknown value type " + Integer.toUnsignedString(elementType)
                        + "; GGUF has types 0 to 12");
            };
            long n = count("an array length of " + what, minBytes);
            if (n > MAX_ARRAY_LENGTH) {
                throw new ModelFormatException("GGUF file " + file + " gives " + what + " " + n
                        + " elements, more than the " + MAX_ARRAY_LENGTH + " allowed");
            }
            List<Object> out = new ArrayList<>((int) n);
            for (long i = 0; i < n; i++) {
                out.add(value(elementType, what, depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
    }
}
