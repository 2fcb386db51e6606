package dev.aios.inference.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF files byte by byte, as llama.cpp's gguf-py writer lays them out (v3, little-endian,
 * data aligned to 32), including broken ones for the format tests. Metadata values are typed
 * explicitly with GGUF's value type ids.
 */
final class GgufWriter {
    static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7,
            STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;
    static final int F32 = 0, F16 = 1, Q4_0 = 2, Q8_0 = 8, Q4_K = 12, Q5_K = 13, Q6_K = 14, BF16 = 30;

    /** A metadata value with its GGUF type; an array's {@code elementType} is its elements' type. */
    record Value(int type, Object value, int elementType) {}

    /** A tensor: GGUF dims (fastest axis first), ggml type id and raw data. */
    record Tensor(String name, long[] dims, int type, byte[] data) {}

    final Map<String, Value> metadata = new LinkedHashMap<>();
    final List<Tensor> tensors = new ArrayList<>();
    int version = 3;
    int alignment = 32;

    GgufWriter put(String key, int type, Object value) {
        metadata.put(key, new Value(type, value, -1));
        return this;
    }

    GgufWriter putString(String key, String value) {
        return put(key, STRING, value);
    }

    GgufWriter putU32(String key, long value) {
        return put(key, UINT32, value);
    }

    GgufWriter putF32(String key, double value) {
        return put(key, FLOAT32, value);
    }

    GgufWriter putArray(String key, int elementType, List<?> values) {
        metadata.put(key, new Value(ARRAY, values, elementType));
        return this;
    }

    GgufWriter tensor(String name, long[] dims, int type, byte[] data) {
        tensors.add(new Tensor(name, dims, type, data));
        return this;
    }

    /** Lays the tensors out one after the other, each padded to the alignment. */
    byte[] bytes() {
        Out out = new Out();
        out.i32(0x46554747).i32(version).i64(tensors.size()).i64(metadata.size());
        metadata.forEach((key, v) -> {
            out.string(key).i32(v.type());
            out.value(v.type(), v.value(), v.elementType());
        });
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            offsets.add(offset);
            offset = align(offset + t.data().length);
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            out.string(t.name()).i32(t.dims().length);
            for (long d : t.dims()) {
                out.i64(d);
            }
            out.i32(t.type()).i64(offsets.get(i));
        }
        out.pad(alignment);
        for (Tensor t : tensors) {
            out.bytes.writeBytes(t.data());
            out.pad(alignment);
        }
        return out.bytes.toByteArray();
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    private long align(long n) {
        return (n + alignment - 1) / alignment * alignment;
    }

    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Out i32(int v) {
            bytes.write(scratch.clear().putInt(v).array(), 0, 4);
            return this;
        }

        Out i64(long v) {
            bytes.write(scratch.clear().putLong(v).array(), 0, 8);
            return this;
        }

        Out string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            bytes.writeBytes(b);
            return this;
        }

        void pad(int alignment) {
            while (bytes.size() % alignment != 0) {
                bytes.write(0);
            }
        }

        void value(int type, Object v, int elementType) {
            switch (type) {
                case UINT8, INT8, BOOL -> bytes.write(v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue());
                case UINT16, INT16 -> bytes.write(scratch.clear().putShort(((Number) v).shortValue()).array(), 0, 2);
                case UINT32, INT32 -> i32(((Number) v).intValue());
                case FLOAT32 -> bytes.write(scratch.clear().putFloat(((Number) v).floatValue()).array(), 0, 4);
                case STRING -> string((String) v);
                case UINT64, INT64 -> i64(((Number) v).longValue());
                case FLOAT64 -> bytes.write(scratch.clear().putDouble(((Number) v).doubleValue()).array(), 0, 8);
                case ARRAY -> {
                    List<?> list = (List<?>) v;
                    i32(elementType).i64(list.size());
                    for (Object e : list) {
                        value(elementType, e, -1);
                    }
                }
                default -> throw new IllegalArgumentException("type " + type);
            }
        }
    }
}
