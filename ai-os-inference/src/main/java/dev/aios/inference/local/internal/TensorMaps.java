package dev.aios.inference.local.internal;

import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Memory-maps tensors out of an open weights file (safetensors or GGUF), with the errors both report. */
final class TensorMaps {
    private TensorMaps() {}

    /**
     * @param kind the file's format for the error, such as {@code Safetensors}
     * @return a read-only little-endian buffer of {@code length} bytes at {@code offset}
     * @throws ModelFormatException if the tensor is larger than one map can hold (2 GiB) or the
     *     file cannot be mapped
     */
    static ByteBuffer map(FileChannel channel, Path file, String kind, String name, long offset, long length) {
        if (length > Integer.MAX_VALUE) {
            throw new ModelFormatException("Tensor '" + name + "' in " + file + " is " + length
                    + " bytes, more than one memory map can hold (" + Integer.MAX_VALUE + ")");
        }
        if (!channel.isOpen()) {
            throw new IllegalStateException(kind + " file " + file + " is closed");
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot map tensor '" + name + "' of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Closes a read-only channel; buffers already mapped stay readable until they are garbage. */
    static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Read-only channel: nothing was written that closing could lose.
        }
    }
}
