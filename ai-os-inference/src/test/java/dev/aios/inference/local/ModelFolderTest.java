package dev.aios.inference.local;

import static dev.aios.inference.local.RawSafeTensors.f32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.inference.local.RawSafeTensors.Tensor;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.testing.checkpoint.CheckpointConfig;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.aios.testing.checkpoint.WeightType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path model() {
        return RandomCheckpoint.builder().layers(1).writeTo(dir.resolve("model"));
    }

    private static void editConfig(Path model, Consumer<ObjectNode> edit) throws IOException {
        Path file = model.resolve("config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(config);
        JSON.writeValue(file.toFile(), config);
    }

    @Test
    void rejectsMissingTensor() throws IOException {
        Path model = model();
        Path weights = model.resolve("model.safetensors");
        Map<String, Tensor> tensors = RawSafeTensors.read(weights);
        tensors.remove("model.layers.0.mlp.up_proj.weight");
        RawSafeTensors.write(weights, tensors);
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(model.toString())
                .hasMessageContaining("missing tensor 'model.layers.0.mlp.up_proj.weight' (shape [128, 64])");
    }

    @Test
    void rejectsLmHeadMissingWhenEmbeddingsAreNotTied() throws IOException {
        Path model = RandomCheckpoint.builder().layers(1).tied(true).writeTo(dir.resolve("tied"));
        editConfig(model, c -> c.put("tie_word_embeddings", false));
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("missing tensor 'lm_head.weight'")
                .hasMessageContaining("tie_word_embeddings is false");
    }

    @Test
    void rejectsExtraTensorButIgnoresRotaryBuffersAndATiedLmHead() throws IOException {
        Path model = model();
        editConfig(model, c -> c.put("tie_word_embeddings", true));
        Path weights = model.resolve("model.safetensors");
        Map<String, Tensor> tensors = RawSafeTensors.read(weights);
        tensors.put("model.layers.0.self_attn.rotary_emb.inv_freq", new Tensor("F32", new long[] {8}, new byte[32]));
        RawSafeTensors.write(weights, tensors);
        try (ModelFolder folder = ModelFolder.open(model)) {
            assertThat(folder.config().tiedEmbeddings()).isTrue();
        }

        tensors.put("model.layers.0.mlp.extra.weight", new Tensor("F32", new long[] {1}, f32(1)));
        RawSafeTensors.write(weights, tensors);
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Unexpected tensor 'model.layers.0.mlp.extra.weight'")
                .hasMessageContaining(weights.toString());
    }

    @Test
    void inspectCountsStoredWeightBytesAndWhatOneDecodeStepReads() {
        RandomCheckpoint.Builder untied = RandomCheckpoint.builder().layers(1);
        ModelFolderInfo info = LocalModel.inspect(untied.writeTo(dir.resolve("untied")));
        CheckpointConfig c = untied.config();
        long row = 4L * c.hiddenSize();
        long embedding = 4L * c.vocabSize() * c.hiddenSize();
        assertThat(info.modelType()).isEqualTo("llama");
        assertThat(info.layers()).isEqualTo(1);
        assertThat(info.vocabSize()).isEqualTo(384);
        assertThat(info.maxPositions()).isEqualTo(256);
        assertThat(info.weightBytes()).isEqualTo(4L * c.parameters());
        // Every tensor once, but of the input embedding only the token's row.
        assertThat(info.weightBytesPerToken()).isEqualTo(info.weightBytes() - embedding + row);

        RandomCheckpoint.Builder tied = RandomCheckpoint.builder().layers(1).tied(true).dtype(WeightType.BF16);
        ModelFolderInfo tiedInfo = LocalModel.inspect(tied.writeTo(dir.resolve("tied")));
        assertThat(tiedInfo.weightBytes()).isEqualTo(2L * tied.config().parameters());
        // The tied matrix is read whole as the output projection, plus the token's row.
        assertThat(tiedInfo.weightBytesPerToken()).isEqualTo(tiedInfo.weightBytes() + 2L * c.hiddenSize());
    }

    @Test
    void inspectRejectsAFolderLoadWouldReject() throws IOException {
        Path model = model();
        editConfig(model, c -> c.put("intermediate_size", 96));
        assertThatThrownBy(() -> LocalModel.inspect(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("config.json implies [96, 64]");
    }

    @Test
    void rejectsTensorsOfALayerTheConfigDoesNotHave() throws IOException {
        Path model = RandomCheckpoint.builder().layers(2).writeTo(dir.resolve("two"));
        editConfig(model, c -> c.put("num_hidden_layers", 1));
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Unexpected tensor 'model.layers.1.")
                .hasMessageContaining("1 layers");
    }

    @Test
    void rejectsShapeThatDisagreesWithConfig() throws IOException {
        Path model = model();
        editConfig(model, c -> c.put("intermediate_size", 96));
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Tensor 'model.layers.0.mlp.gate_proj.weight'")
                .hasMessageContaining(model.resolve("model.safetensors").toString())
                .hasMessageContaining("has shape [128, 64], but config.json implies [96, 64]");
    }

    @Test
    void rejectsUnsupportedArchitectureListingTheSupportedOnes() throws IOException {
        Path model = model();
        editConfig(model, c -> {
            c.put("model_type", "gpt2");
            c.putArray("architectures").add("GPT2LMHeadModel");
        });
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(model.resolve("config.json").toString())
                .hasMessageContaining("model_type \"gpt2\", architecture \"GPT2LMHeadModel\"")
                .hasMessageContaining("llama, mistral, qwen2")
                .hasMessageContaining("LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM");
    }

    @Test
    void rejectsUnsupportedDtypeInTheWeights() throws IOException {
        Path model = model();
        Path weights = model.resolve("model.safetensors");
        Map<String, Tensor> tensors = RawSafeTensors.read(weights);
        tensors.put("model.norm.weight", new Tensor("I8", new long[] {64}, new byte[64]));
        RawSafeTensors.write(weights, tensors);
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Unsupported dtype \"I8\" of tensor 'model.norm.weight' in " + weights);
    }

    @Test
    void rejectsIndexNamingAMissingShard() throws IOException {
        Path model = RandomCheckpoint.builder().layers(1).shards(2).writeTo(dir.resolve("sharded"));
        Files.delete(model.resolve("model-00002-of-00002.safetensors"));
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(model.resolve("model.safetensors.index.json").toString())
                .hasMessageContaining("names shard \"model-00002-of-00002.safetensors\"")
                .hasMessageContaining("does not exist");
    }

    @Test
    void rejectsIndexThatPutsATensorInTheWrongShard() throws IOException {
        Path model = RandomCheckpoint.builder().layers(1).shards(2).writeTo(dir.resolve("sharded"));
        Path index = model.resolve("model.safetensors.index.json");
        ObjectNode root = (ObjectNode) JSON.readTree(index.toFile());
        ((ObjectNode) root.get("weight_map")).put("model.norm.weight", "model-00001-of-00002.safetensors");
        JSON.writeValue(index.toFile(), root);
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("says tensor 'model.norm.weight' is in model-00001-of-00002.safetensors")
                .hasMessageContaining("model-00002-of-00002.safetensors");
    }

    @Test
    void rejectsMissingConfigJson() throws IOException {
        Path model = model();
        Files.delete(model.resolve("config.json"));
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Missing " + model.resolve("config.json"));
    }

    @Test
    void rejectsFolderWithoutWeights() throws IOException {
        Path model = model();
        Files.delete(model.resolve("model.safetensors"));
        assertThatThrownBy(() -> ModelFolder.open(model))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("neither model.safetensors nor model.safetensors.index.json");
    }

    @Test
    void missingTokenizerJsonIsReportedWhenAskedFor() throws IOException {
        Path model = model();
        Files.delete(model.resolve("tokenizer.json"));
        Files.delete(model.resolve("generation_config.json"));
        try (ModelFolder folder = ModelFolder.open(model)) {
            assertThat(folder.generationConfigJson()).isEmpty();
            assertThatThrownBy(folder::tokenizerJson)
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("has no tokenizer.json")
                    .hasMessageContaining(model.resolve("tokenizer.json").toString());
        }
    }

    @Test
    void unknownTensorNameIsAnError() {
        try (ModelFolder folder = ModelFolder.open(model())) {
            assertThatThrownBy(() -> folder.map("model.layers.7.self_attn.q_proj.weight"))
                    .isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("no tensor 'model.layers.7.self_attn.q_proj.weight'");
        }
    }

    @Test
    void missingFolderIsAnError() {
        assertThatThrownBy(() -> ModelFolder.open(dir.resolve("nowhere")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("does not exist or is not a directory");
    }
}
