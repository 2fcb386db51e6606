package dev.aios.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The file the harnesses keep embeddings in under {@code target/}, so a second run does not embed
 * the same texts again: text to vector, written to a temporary sibling and moved into place.
 */
public final class VectorFile {
    private VectorFile() {}

    /** @return the vectors in {@code file}; empty when it is absent or unreadable (it says so) */
    public static Map<String, float[]> read(Path file) {
        Map<String, float[]> vectors = new HashMap<>();
        if (!Files.exists(file)) {
            return vectors;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String text = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                vectors.put(text, v);
            }
        } catch (IOException e) {
            System.out.println("ignoring the unreadable embedding cache " + file + ": " + e);
            vectors.clear();
        }
        return vectors;
    }

    /** Writes {@code vectors} to {@code file}, atomically. */
    public static void write(Path file, Map<String, float[]> vectors) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
                out.writeInt(vectors.size());
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
