package dev.aios.inference.local.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The prompt format a GGUF file's metadata carries: {@code tokenizer.chat_template} (the same
 * Jinja template transformers keeps in tokenizer_config.json), the texts of the bos and eos
 * tokens for the template, and the tokens that end generation ({@code eos}, and {@code eot} and
 * {@code eom} where the file names them).
 */
final class GgufPrompt {

    private GgufPrompt() {}

    static PromptFormat format(GgufMetadata m, LlamaConfig config) {
        List<String> tokens = m.optionalList("tokenizer.ggml.tokens", String.class);
        Set<Integer> ends = new LinkedHashSet<>(config.eosTokenIds());
        for (String key : List.of("tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id")) {
            Integer id = m.optionalTokenId(key);
            if (id != null && tokens != null && id < tokens.size()) {
                ends.add(id);
            }
        }
        return PromptFormat.of(m.optionalString("tokenizer.chat_template"), m.file(),
                text(tokens, m.optionalTokenId("tokenizer.ggml.bos_token_id")),
                text(tokens, m.optionalTokenId("tokenizer.ggml.eos_token_id")), ends);
    }

    private static String text(@Nullable List<String> tokens, @Nullable Integer id) {
        return tokens == null || id == null || id >= tokens.size() ? "" : tokens.get(id);
    }
}
