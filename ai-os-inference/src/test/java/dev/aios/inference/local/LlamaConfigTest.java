package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aios.inference.local.internal.LlamaConfig;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.inference.local.internal.RopeScaling;
import dev.aios.inference.local.internal.TensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaConfigTest {

    @TempDir
    Path dir;

    private LlamaConfig parse(String json) throws IOException {
        return LlamaConfig.parse(Files.writeString(dir.resolve("config.json"), json));
    }

    /** Llama 3.1 8B's config.json, trimmed to the keys that matter. */
    private static final String LLAMA_31_8B = """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
             "intermediate_size": 14336, "num_hidden_layers": 32, "num_attention_heads": 32,
             "num_key_value_heads": 8, "vocab_size": 128256, "max_position_embeddings": 131072,
             "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "attention_bias": false,
             "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                              "original_max_position_embeddings": 8192, "rope_type": "llama3"},
             "tie_word_embeddings": false, "bos_token_id": 128000,
             "eos_token_id": [128001, 128008, 128009], "torch_dtype": "bfloat16"}
            """;

    @Test
    void readsLlama31WithItsEosListAndRopeScaling() throws IOException {
        LlamaConfig c = parse(LLAMA_31_8B);
        assertThat(c.architecture()).isEqualTo("LlamaForCausalLM");
        assertThat(c.headDim()).isEqualTo(128);
        assertThat(c.kvHeads()).isEqualTo(8);
        assertThat(c.eosTokenIds()).containsExactly(128001, 128008, 128009);
        assertThat(c.bosTokenId()).isEqualTo(128000);
        assertThat(c.torchDtype()).isEqualTo(TensorType.BF16);
        assertThat(c.attentionBias()).isFalse();
        assertThat(c.ropeScaling()).isEqualTo(new RopeScaling("llama3", 8, 1, 4, 8192));
        assertThat(ModelFolder.expectedTensorNames(c)).hasSize(1 + 32 * 9 + 2);
    }

    @Test
    void llama3RopeScalingMatchesTheHandComputedBands() throws IOException {
        double[] inv = parse(LLAMA_31_8B).ropeInverseFrequencies();
        assertThat(inv).hasSize(64);
        // i = 0: wavelength 2*pi is below 8192 / 4, the high-frequency band: unchanged.
        assertThat(inv[0]).isEqualTo(1.0);
        // i = 30: base 500000^(-60/128) = 0.0021311195; wavelength 2948.3 lies between 2048 and 8192;
        // smooth = (8192 / 2948.3 - 1) / (4 - 1) = 0.59284, so freq * ((1 - smooth) / 8 + smooth).
        assertThat(inv[30]).isCloseTo(0.0013718935677611, within(1e-15));
        // i = 63: wavelength 2.56e6 is above 8192, the low-frequency band: divided by 8.
        assertThat(inv[63]).isCloseTo(2.455140791131609e-06 / 8, within(1e-19));
    }

    @Test
    void linearScalingDividesAndDynamicLeavesFrequenciesAsTheyAre() throws IOException {
        String base = """
                {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 64,
                 "intermediate_size": 128, "num_hidden_layers": 1, "num_attention_heads": 4,
                 "vocab_size": 300, "max_position_embeddings": 256, "rms_norm_eps": 1e-6,
                 "rope_scaling": %s}
                """;
        LlamaConfig none = parse(base.formatted("null"));
        assertThat(none.ropeTheta()).isEqualTo(10000);
        assertThat(none.kvHeads()).isEqualTo(4);
        assertThat(none.eosTokenIds()).isEmpty();
        assertThat(none.bosTokenId()).isNull();
        assertThat(none.torchDtype()).isEqualTo(TensorType.F32);
        double[] plain = none.ropeInverseFrequencies();
        assertThat(plain).hasSize(8);
        assertThat(plain[1]).isCloseTo(Math.pow(10000, -2.0 / 16), within(1e-15));

        LlamaConfig linear = parse(base.formatted("{\"type\": \"linear\", \"factor\": 4.0}"));
        double[] scaled = linear.ropeInverseFrequencies();
        for (int i = 0; i < plain.length; i++) {
            assertThat(scaled[i]).isCloseTo(plain[i] / 4, within(1e-15));
        }
        LlamaConfig dynamic = parse(base.formatted("{\"type\": \"dynamic\", \"factor\": 2.0}"));
        assertThat(dynamic.ropeScaling().originalMaxPositions()).isEqualTo(256);
        assertThat(dynamic.ropeInverseFrequencies()).containsExactly(plain);
        assertThat(parse(base.formatted("{\"rope_type\": \"default\"}")).ropeScaling()).isNull();

        assertThatThrownBy(() -> parse(base.formatted("{\"rope_type\": \"yarn\", \"factor\": 4.0}")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("rope_scaling type \"yarn\", which is not supported")
                .hasMessageContaining("linear, dynamic, llama3");
    }

    @Test
    void qwen2AlwaysHasAttentionBiasAndHonoursUseSlidingWindow() throws IOException {
        LlamaConfig c = parse("""
                {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 896,
                 "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14,
                 "num_key_value_heads": 2, "vocab_size": 151936, "max_position_embeddings": 32768,
                 "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "sliding_window": 32768,
                 "use_sliding_window": false, "tie_word_embeddings": true, "bos_token_id": 151643,
                 "eos_token_id": 151645, "torch_dtype": "bfloat16"}
                """);
        assertThat(c.attentionBias()).isTrue();
        assertThat(c.slidingWindow()).isNull();
        assertThat(c.eosTokenIds()).containsExactly(151645);
        assertThat(c.headDim()).isEqualTo(64);
        assertThat(c.tiedEmbeddings()).isTrue();
        assertThat(ModelFolder.expectedTensorNames(c))
                .contains("model.layers.23.self_attn.k_proj.bias")
                .doesNotContain("lm_head.weight");
    }

    @Test
    void mistralKeepsItsSlidingWindowAndExplicitHeadDim() throws IOException {
        LlamaConfig c = parse("""
                {"architectures": ["MistralForCausalLM"], "model_type": "mistral", "hidden_size": 5120,
                 "intermediate_size": 14336, "num_hidden_layers": 40, "num_attention_heads": 32,
                 "num_key_value_heads": 8, "head_dim": 128, "vocab_size": 131072,
                 "max_position_embeddings": 1024000, "rms_norm_eps": 1e-05, "rope_theta": 1000000.0,
                 "sliding_window": 4096, "eos_token_id": 2, "bos_token_id": 1, "torch_dtype": "float16"}
                """);
        assertThat(c.headDim()).isEqualTo(128);
        assertThat(c.slidingWindow()).isEqualTo(4096);
        assertThat(c.attentionBias()).isFalse();
        assertThat(c.torchDtype()).isEqualTo(TensorType.F16);
    }

    @Test
    void llamaWithAttentionBiasExpectsBiases() throws IOException {
        LlamaConfig c = parse("""
                {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "vocab_size": 300, "max_position_embeddings": 256, "rms_norm_eps": 1e-6,
                 "attention_bias": true}
                """);
        assertThat(c.architecture()).isEqualTo("LlamaForCausalLM");
        assertThat(c.attentionBias()).isTrue();
        assertThat(ModelFolder.expectedTensorNames(c)).contains("model.layers.0.self_attn.q_proj.bias");
    }

    @Test
    void missingOrInconsistentValuesAreNamed() throws IOException {
        assertThatThrownBy(() -> parse("""
                {"model_type": "llama", "hidden_size": 64, "num_attention_heads": 4}
                """))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("has no \"max_position_embeddings\"");
        assertThatThrownBy(() -> parse("""
                {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128,
                 "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 3,
                 "vocab_size": 300, "max_position_embeddings": 256, "rms_norm_eps": 1e-6}
                """))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("num_attention_heads 4 is not a multiple of num_key_value_heads 3");
        assertThatThrownBy(() -> parse("""
                {"model_type": "llama", "hidden_size": "big"}
                """))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("\"hidden_size\": \"big\", expected an integer");
        assertThatThrownBy(() -> parse("{ not json"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Cannot read");
    }
}
