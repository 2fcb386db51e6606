package dev.aios.inference.local.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one tensor lies in a safetensors file, as its validated header says.
 *
 * @param name the Hugging Face tensor name, for example {@code model.layers.0.self_attn.q_proj.weight}
 * @param type the element type
 * @param shape the dimensions, outermost first (row-major; linear weights are {@code [out, in]});
 *     copied, never shared
 * @param file the safetensors file that holds it
 * @param offset the absolute byte offset of its first element in {@code file}
 * @param length its size in bytes, always {@code elements() * type.bytes()}
 */
public record TensorInfo(String name, TensorType type, long[] shape, Path file, long offset, long length) {

    /** Copies the shape and rejects nulls and negative values. */
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape) + " of " + name);
            }
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset " + offset + " or length " + length + " of " + name);
        }
    }

    /** @return a copy of the dimensions, outermost first */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of elements, the product of the shape (1 for a scalar) */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Compares the shape by content, unlike a record's default. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TensorInfo t
                && name.equals(t.name)
                && type == t.type
                && Arrays.equals(shape, t.shape)
                && file.equals(t.file)
                && offset == t.offset
                && length == t.length;
    }

    /** Hashes the shape by content, unlike a record's default. */
    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), file, offset, length);
    }

    /** Shows the shape's dimensions, unlike a record's default. */
    @Override
    public String toString() {
        return "TensorInfo[" + name + " " + type + " " + Arrays.toString(shape) + " in " + file
                + " @" + offset + "+" + length + "]";
    }
}
