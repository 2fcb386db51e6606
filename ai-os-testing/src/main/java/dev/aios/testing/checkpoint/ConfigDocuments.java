package dev.aios.testing.checkpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The small JSON files of a model folder besides the tokenizer and the weights:
 * {@code config.json}, {@code tokenizer_config.json} and {@code generation_config.json}, with the
 * keys and values {@code transformers} writes for Llama and Qwen2 models.
 */
final class ConfigDocuments {

    static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private ConfigDocuments() {}

    /** {@code config.json}; {@code initializer_range} is the standard deviation the weights were drawn with. */
    static ObjectNode config(CheckpointConfig c, double weightScale) {
        ObjectNode n = CheckpointJson.MAPPER.createObjectNode();
        n.putArray("architectures").add(c.architecture());
        n.put("model_type", c.modelType());
        n.put("hidden_size", c.hiddenSize());
        n.put("intermediate_size", c.intermediateSize());
        n.put("num_hidden_layers", c.layers());
        n.put("num_attention_heads", c.heads());
        n.put("num_key_value_heads", c.kvHeads());
        n.put("head_dim", c.headDim());
        n.put("vocab_size", c.vocabSize());
        n.put("max_position_embeddings", c.maxPositions());
        n.put("rms_norm_eps", c.rmsNormEps());
        n.put("rope_theta", c.ropeTheta());
        CheckpointConfig.RopeScaling s = c.ropeScaling();
        if (s == null) {
            n.putNull("rope_scaling");
        } else {
            ObjectNode r = n.putObject("rope_scaling");
            r.put("rope_type", s.type());
            r.put("factor", s.factor());
            r.put("low_freq_factor", s.lowFreqFactor());
            r.put("high_freq_factor", s.highFreqFactor());
            r.put("original_max_position_embeddings", s.originalMaxPositions());
        }
        n.put("tie_word_embeddings", c.tiedEmbeddings());
        if (c.modelType().equals("llama")) {
            n.put("attention_bias", c.attentionBias());
            n.put("mlp_bias", false);
        } else {
            // Qwen2 configs carry a window that is switched off; the reader must honour the switch.
            n.put("use_sliding_window", false);
            n.putNull("sliding_window");
        }
        n.put("hidden_act", "silu");
        n.put("initializer_range", weightScale);
        n.put("bos_token_id", CheckpointConfig.BOS_TOKEN_ID);
        n.put("eos_token_id", CheckpointConfig.EOS_TOKEN_ID);
        n.put("torch_dtype", c.dtype().torchDtype());
        n.put("use_cache", true);
        return n;
    }

    /** {@code tokenizer_config.json}: SmolLM's special tokens and a ChatML chat template. */
    static ObjectNode tokenizerConfig(int maxPositions) {
        ObjectNode n = CheckpointJson.MAPPER.createObjectNode();
        n.put("add_bos_token", false);
        n.put("add_eos_token", false);
        n.put("add_prefix_space", false);
        ObjectNode decoder = n.putObject("added_tokens_decoder");
        for (int i = 0; i < ByteLevelBpe.SPECIAL_TOKENS.size(); i++) {
            ObjectNode t = ByteLevelBpe.addedToken(i, ByteLevelBpe.SPECIAL_TOKENS.get(i));
            t.remove("id");
            decoder.set(String.valueOf(i), t);
        }
        ArrayNode extra = n.putArray("additional_special_tokens");
        extra.add("<|im_start|>").add("<|im_end|>");
        n.put("bos_token", "<|endoftext|>");
        n.put("eos_token", "<|im_end|>");
        n.put("pad_token", "<|endoftext|>");
        n.putNull("unk_token");
        n.put("model_max_length", maxPositions);
        n.put("clean_up_tokenization_spaces", false);
        n.put("tokenizer_class", "GPT2Tokenizer");
        n.put("chat_template", CHATML_TEMPLATE);
        return n;
    }

    /** {@code generation_config.json}: generation stops at either end token, as SmolLM's does. */
    static ObjectNode generationConfig() {
        ObjectNode generation = CheckpointJson.MAPPER.createObjectNode();
        generation.put("bos_token_id", CheckpointConfig.BOS_TOKEN_ID);
        generation.putArray("eos_token_id").add(0).add(CheckpointConfig.EOS_TOKEN_ID);
        return generation;
    }
}
