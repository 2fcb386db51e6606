package dev.aios.inference.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a model wants its conversations written and where its output ends: the chat template and
 * special tokens of tokenizer_config.json and the end tokens of generation_config.json and
 * config.json. Templates are Jinja, rendered by jinjava with the same whitespace rules as
 * transformers (trim_blocks, lstrip_blocks).
 */
public final class PromptFormat {
    private final @Nullable String template;
    private final Path source;
    private final String bosToken;
    private final String eosToken;
    private final Set<Integer> endTokens;
    private final Jinjava jinja;

    private PromptFormat(@Nullable String template, Path source, String bosToken, String eosToken, Set<Integer> endTokens) {
        this.template = template;
        this.source = source;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.endTokens = Set.copyOf(endTokens);
        this.jinja = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
        jinja.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                PromptFormat.class, "raiseException", String.class));
    }

    /** Reads the folder's template and end tokens; files that are absent give the defaults. */
    public static PromptFormat read(ModelFolder folder, ModelTokenizer tokenizer) {
        Optional<PromptFormat> gguf = folder.ggufPromptFormat();
        if (gguf.isPresent()) {
            return gguf.get();
        }
        Set<Integer> ends = new LinkedHashSet<>(folder.config().eosTokenIds());
        String bos = "";
        String eos = "";
        String template = null;
        Path source = folder.directory().resolve("tokenizer_config.json");
        Optional<Path> tokenizerConfig = folder.tokenizerConfigJson();
        if (tokenizerConfig.isPresent()) {
            JsonNode root = readJson(tokenizerConfig.get());
            bos = tokenText(root.get("bos_token"));
            eos = tokenText(root.get("eos_token"));
            JsonNode t = root.get("chat_template");
            if (t != null && t.isTextual()) {
                template = t.asText();
            } else if (t != null && t.isArray()) {
                // A list of named templates: the "default" one is the chat template.
                for (JsonNode named : t) {
                    if ("default".equals(named.path("name").asText())) {
                        template = named.path("template").asText();
                    }
                }
            }
            int eosId = eos.isEmpty() ? -1 : tokenizer.tokenId(eos);
            if (eosId >= 0) {
                ends.add(eosId);
            }
        }
        Optional<Path> generation = folder.generationConfigJson();
        if (generation.isPresent()) {
            JsonNode eosIds = readJson(generation.get()).get("eos_token_id");
            if (eosIds != null && eosIds.isInt()) {
                ends.add(eosIds.asInt());
            } else if (eosIds != null && eosIds.isArray()) {
                eosIds.forEach(n -> ends.add(n.asInt()));
            }
        }
        return new PromptFormat(template, source, bos, eos, ends);
    }

    /** A format from parts read elsewhere (a GGUF file's metadata); {@code source} is named in errors. */
    static PromptFormat of(@Nullable String template, Path source, String bosToken, String eosToken,
            Set<Integer> endTokens) {
        return new PromptFormat(template, source, bosToken, eosToken, endTokens);
    }

    /** @return token ids that end generation */
    public Set<Integer> endTokens() {
        return endTokens;
    }

    /** @return whether the folder has a chat template */
    public boolean hasTemplate() {
        return template != null;
    }

    /**
     * Writes a conversation as the model's prompt text.
     *
     * @param messages role ("system", "user", "assistant") and content of each message
     */
    public String render(List<Map.Entry<String, String>> messages) {
        if (template == null) {
            // No template in the folder: a plain transcript that base models continue sensibly.
            StringBuilder sb = new StringBuilder(bosToken);
            for (Map.Entry<String, String> m : messages) {
                sb.append(m.getKey()).append(": ").append(m.getValue()).append("\n");
            }
            return sb.append("assistant:").toString();
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<String, String> m : messages) {
            list.add(Map.of("role", m.getKey(), "content", m.getValue()));
        }
        Map<String, Object> context = new HashMap<>();
        context.put("messages", list);
        context.put("add_generation_prompt", true);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        RenderResult result = jinja.renderForResult(template, context);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ModelFormatException(source + ": the chat template failed to render: " + error.getMessage());
            }
        }
        return result.getOutput();
    }

    /** Called by templates as {@code raise_exception('...')}. */
    public static String raiseException(String message) {
        throw new IllegalArgumentException("the chat template rejected the conversation: " + message);
    }

    private static String tokenText(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isTextual() ? node.asText() : node.path("content").asText("");
    }

    private static JsonNode readJson(Path file) {
        try {
            return ModelJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
