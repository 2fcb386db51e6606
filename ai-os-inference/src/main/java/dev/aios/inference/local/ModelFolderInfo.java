package dev.aios.inference.local;

import dev.aios.inference.local.internal.LlamaConfig;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.inference.local.internal.TensorInfo;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a model folder holds, read from its {@code config.json} and safetensors headers without
 * loading any weight: for sizing a host and for bandwidth arithmetic before a model is loaded.
 * Returned by {@link LocalModel#inspect(Path)}.
 *
 * @param directory the folder
 * @param modelType {@code model_type}: {@code llama}, {@code mistral} or {@code qwen2}
 * @param layers {@code num_hidden_layers}
 * @param vocabSize {@code vocab_size}
 * @param maxPositions {@code max_position_embeddings}, the longest context the model was trained for
 * @param weightBytes bytes of all tensors as stored (F32, F16 or BF16; for a GGUF file, as stored
 *     there, quantized types included)
 * @param weightBytesPerToken bytes of stored weights one decode step reads: every tensor once, the
 *     output projection whole and one row of the input embedding (the whole matrix when the two
 *     are tied, since the projection reads it). {@link LocalModel#weightBytesPerToken()} counts the
 *     same for the loaded model, in the precision it was loaded in.
 */
public record ModelFolderInfo(Path directory, String modelType, int layers, int vocabSize, int maxPositions,
        long weightBytes, long weightBytesPerToken) {

    /** Rejects nulls. */
    public ModelFolderInfo {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(modelType, "modelType");
    }

    /** Opens and validates {@code dir} as {@link LocalModel} would, then reads the sizes. */
    static ModelFolderInfo read(Path dir) {
        try (ModelFolder folder = ModelFolder.open(dir)) {
            LlamaConfig config = folder.config();
            long total = 0;
            for (String name : ModelFolder.expectedTensorNames(config)) {
                total += folder.storedBytes(name);
            }
            TensorInfo embedding = folder.tensor("model.embed_tokens.weight");
            long embeddingBytes = folder.storedBytes(embedding.name());
            long row = embeddingBytes / embedding.shape()[0];
            long perToken = config.tiedEmbeddings() ? total + row : total - embeddingBytes + row;
            return new ModelFolderInfo(dir, config.modelType(), config.layers(), config.vocabSize(),
                    config.maxPositions(), total, perToken);
        }
    }
}
