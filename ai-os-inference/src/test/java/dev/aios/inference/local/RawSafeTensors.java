package dev.aios.inference.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.inference.local.internal.SafeTensorsFile;
import dev.aios.inference.local.internal.TensorInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes safetensors files byte by byte, including broken ones, for the format tests. */
final class RawSafeTensors {

    /** One tensor's dtype string, shape and raw little-endian bytes. */
    record Tensor(String dtype, long[] shape, byte[] data) {}

    private RawSafeTensors() {}

    /** Writes the 8-byte length, the header exactly as given, then the data. */
    static Path write(Path file, String headerJson, byte[] data) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put(data);
        Files.write(file, b.array());
        return file;
    }

    /** Writes a well-formed file: offsets laid out one after the other in map order. */
    static Path write(Path file, Map<String, Tensor> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            header.put(e.getKey(), Map.of("dtype", t.dtype(), "shape", t.shape(),
                    "data_offsets", new long[] {offset, offset + t.data().length}));
            offset += t.data().length;
            data.write(t.data());
        }
        return write(file, new ObjectMapper().writeValueAsString(header), data.toByteArray());
    }

    /** Reads every tensor of a file into memory, in name order. */
    static Map<String, Tensor> read(Path file) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            for (TensorInfo t : f.tensors().values()) {
                byte[] bytes = new byte[(int) t.length()];
                f.map(t).get(bytes);
                out.put(t.name(), new Tensor(t.type().name(), t.shape(), bytes));
            }
        }
        return out;
    }

    /** F32 little-endian bytes of the given values. */
    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
