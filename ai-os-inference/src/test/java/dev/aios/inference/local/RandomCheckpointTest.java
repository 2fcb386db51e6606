package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.inference.local.internal.LlamaConfig;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.inference.local.internal.RopeScaling;
import dev.aios.inference.local.internal.TensorInfo;
import dev.aios.inference.local.internal.TensorType;
import dev.aios.testing.checkpoint.CheckpointConfig;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.aios.testing.checkpoint.WeightType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void writtenFolderOpensWithTheConfiguredShapes() {
        Path model = RandomCheckpoint.builder().writeTo(dir.resolve("tiny"));
        try (ModelFolder folder = ModelFolder.open(model)) {
            LlamaConfig c = folder.config();
            assertThat(c.architecture()).isEqualTo("LlamaForCausalLM");
            assertThat(c.modelType()).isEqualTo("llama");
            assertThat(c.layers()).isEqualTo(2);
            assertThat(c.hiddenSize()).isEqualTo(64);
            assertThat(c.heads()).isEqualTo(4);
            assertThat(c.kvHeads()).isEqualTo(2);
            assertThat(c.headDim()).isEqualTo(16);
            assertThat(c.intermediateSize()).isEqualTo(128);
            assertThat(c.vocabSize()).isEqualTo(384);
            assertThat(c.maxPositions()).isEqualTo(256);
            assertThat(c.tiedEmbeddings()).isFalse();
            assertThat(c.eosTokenIds()).containsExactly(2);
            assertThat(c.bosTokenId()).isEqualTo(0);
            assertThat(c).isEqualTo(asReaderConfig(RandomCheckpoint.builder().config()));

            assertThat(folder.tensor("model.layers.1.self_attn.k_proj.weight").shape()).containsExactly(32, 64);
            assertThat(folder.tensor("model.layers.0.mlp.down_proj.weight").shape()).containsExactly(64, 128);
            assertThat(folder.tensor("lm_head.weight").shape()).containsExactly(384, 64);
            assertThat(folder.tokenizerJson()).isEqualTo(model.resolve("tokenizer.json"));
            assertThat(folder.generationConfigJson()).contains(model.resolve("generation_config.json"));
            assertThat(folder.tokenizerConfigJson()).contains(model.resolve("tokenizer_config.json"));

            float[] q = folder.readFloats("model.layers.0.self_attn.q_proj.weight");
            assertThat(q).hasSize(64 * 64);
            assertThat(std(q)).isCloseTo(0.02, within(0.002));
            assertThat(mean(folder.readFloats("model.norm.weight"))).isCloseTo(1.0, within(0.01));
        }
    }

    @Test
    void halfPrecisionValuesDecodeCloseToTheF32OnesOfTheSameSeed() {
        Path f32 = RandomCheckpoint.builder().seed(3).writeTo(dir.resolve("f32"));
        Path bf16 = RandomCheckpoint.builder().seed(3).dtype(WeightType.BF16).writeTo(dir.resolve("bf16"));
        Path f16 = RandomCheckpoint.builder().seed(3).dtype(WeightType.F16).writeTo(dir.resolve("f16"));
        try (ModelFolder a = ModelFolder.open(f32); ModelFolder b = ModelFolder.open(bf16);
                ModelFolder h = ModelFolder.open(f16)) {
            assertThat(b.config().torchDtype()).isEqualTo(TensorType.BF16);
            assertThat(h.config().torchDtype()).isEqualTo(TensorType.F16);
            for (String name : ModelFolder.expectedTensorNames(a.config())) {
                assertThat(b.tensor(name).type()).isEqualTo(TensorType.BF16);
                assertThat(h.tensor(name).type()).isEqualTo(TensorType.F16);
                assertThat(b.tensor(name).length()).isEqualTo(a.tensor(name).length() / 2);
                float[] exact = a.readFloats(name);
                float[] brain = b.readFloats(name);
                float[] half = h.readFloats(name);
                for (int i = 0; i < exact.length; i++) {
                    // BF16 keeps 8 significant bits, F16 11 (and denormals below 6e-5).
                    assertThat(brain[i]).isCloseTo(exact[i], within(Math.abs(exact[i]) / 256 + 1e-30f));
                    assertThat(half[i]).isCloseTo(exact[i], within(Math.abs(exact[i]) / 2048 + 6e-8f));
                }
            }
        }
    }

    @Test
    void shardsHoldTheSameValuesAndAnIndexNamesEachTensorsShard() throws IOException {
        Path one = RandomCheckpoint.builder().seed(9).tied(true).writeTo(dir.resolve("one"));
        Path three = RandomCheckpoint.builder().seed(9).tied(true).shards(3).writeTo(dir.resolve("three"));
        assertThat(three.resolve("model.safetensors")).doesNotExist();
        assertThat(three.resolve("model-00001-of-00003.safetensors")).exists();
        assertThat(three.resolve("model-00003-of-00003.safetensors")).exists();
        JsonNode index = new ObjectMapper().readTree(three.resolve("model.safetensors.index.json").toFile());
        assertThat(index.get("weight_map").get("model.embed_tokens.weight").asText())
                .isEqualTo("model-00001-of-00003.safetensors");
        assertThat(index.get("weight_map").get("model.norm.weight").asText())
                .isEqualTo("model-00003-of-00003.safetensors");
        try (ModelFolder a = ModelFolder.open(one); ModelFolder b = ModelFolder.open(three)) {
            List<String> names = ModelFolder.expectedTensorNames(a.config());
            assertThat(names).doesNotContain("lm_head.weight");
            assertThat(names.stream().map(n -> b.tensor(n).file().getFileName().toString()).distinct())
                    .hasSize(3);
            for (String name : names) {
                assertThat(b.readFloats(name)).isEqualTo(a.readFloats(name));
            }
        }
    }

    @Test
    void attentionBiasWritesAQwen2ModelWithBiases() {
        Path model = RandomCheckpoint.builder().attentionBias(true).writeTo(dir.resolve("qwen"));
        try (ModelFolder folder = ModelFolder.open(model)) {
            assertThat(folder.config().modelType()).isEqualTo("qwen2");
            assertThat(folder.config().architecture()).isEqualTo("Qwen2ForCausalLM");
            assertThat(folder.config().attentionBias()).isTrue();
            assertThat(folder.config().slidingWindow()).isNull();
            TensorInfo bias = folder.tensor("model.layers.1.self_attn.v_proj.bias");
            assertThat(bias.shape()).containsExactly(32);
        }
    }

    @Test
    void ropeScalingRoundTripsThroughConfigJson() {
        CheckpointConfig.RopeScaling scaling = new CheckpointConfig.RopeScaling("llama3", 8, 1, 4, 64);
        Path model = RandomCheckpoint.builder().ropeScaling(scaling).ropeTheta(500000).writeTo(dir.resolve("m"));
        LlamaConfig c = LlamaConfig.parse(model.resolve("config.json"));
        assertThat(c.ropeScaling()).isEqualTo(new RopeScaling("llama3", 8, 1, 4, 64));
        assertThat(c.ropeTheta()).isEqualTo(500000);
    }

    @Test
    void smolLm135mShapesWithoutWritingAnything() {
        CheckpointConfig c = RandomCheckpoint.smolLm135mShapes().config();
        assertThat(c.layers()).isEqualTo(30);
        assertThat(c.hiddenSize()).isEqualTo(576);
        assertThat(c.heads()).isEqualTo(9);
        assertThat(c.kvHeads()).isEqualTo(3);
        assertThat(c.headDim()).isEqualTo(64);
        assertThat(c.intermediateSize()).isEqualTo(1536);
        assertThat(c.vocabSize()).isEqualTo(49152);
        assertThat(c.tiedEmbeddings()).isTrue();
        assertThat(c.maxPositions()).isEqualTo(2048);
        assertThat(c.ropeTheta()).isEqualTo(10000);
        assertThat(c.rmsNormEps()).isEqualTo(1e-5);
        long parameters = ModelFolder.expectedShapes(asReaderConfig(c)).values().stream()
                .mapToLong(s -> Arrays.stream(s).reduce(1, (x, y) -> x * y)).sum();
        assertThat(parameters).isEqualTo(134_515_008L);
        assertThat(c.parameters()).isEqualTo(134_515_008L);
    }

    @Test
    void writerAndReaderAgreeOnEveryTensorNameOrderAndShape() {
        // The writer in ai-os-testing keeps its own layout: it must match the reader's, tensor by tensor.
        List<RandomCheckpoint.Builder> shapes = List.of(RandomCheckpoint.builder(),
                RandomCheckpoint.builder().tied(true).layers(3), RandomCheckpoint.builder().attentionBias(true),
                RandomCheckpoint.builder().heads(8).kvHeads(1).hidden(128).intermediate(96),
                RandomCheckpoint.smolLm135mShapes());
        for (RandomCheckpoint.Builder shape : shapes) {
            CheckpointConfig written = shape.config();
            Map<String, long[]> expected = ModelFolder.expectedShapes(asReaderConfig(written));
            Map<String, long[]> actual = written.tensorShapes();
            assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
            actual.forEach((name, dims) -> assertThat(dims).as(name).isEqualTo(expected.get(name)));
        }
    }

    @Test
    void builderNamesTheOptionThatDoesNotFit() {
        assertThatThrownBy(() -> RandomCheckpoint.builder().vocab(100).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vocab 100");
        assertThatThrownBy(() -> RandomCheckpoint.builder().hidden(65).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden 65");
        assertThatThrownBy(() -> RandomCheckpoint.builder().heads(4).kvHeads(3).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("num_key_value_heads 3");
        assertThatThrownBy(() -> RandomCheckpoint.builder().shards(1000).config())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shards 1000");
        assertThat(Files.exists(dir.resolve("nothing"))).isFalse();
    }

    /** The writer's description in the reader's terms, key by key as config.json carries them. */
    private static LlamaConfig asReaderConfig(CheckpointConfig c) {
        CheckpointConfig.RopeScaling s = c.ropeScaling();
        return new LlamaConfig(c.architecture(), c.modelType(), c.hiddenSize(), c.intermediateSize(), c.layers(),
                c.heads(), c.kvHeads(), c.headDim(), c.vocabSize(), c.maxPositions(), c.rmsNormEps(), c.ropeTheta(),
                s == null ? null : new RopeScaling(s.type(), s.factor(), s.lowFreqFactor(), s.highFreqFactor(),
                        s.originalMaxPositions()),
                c.tiedEmbeddings(), c.attentionBias(), null, List.of(CheckpointConfig.EOS_TOKEN_ID),
                CheckpointConfig.BOS_TOKEN_ID, TensorType.valueOf(c.dtype().name()));
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }
}
