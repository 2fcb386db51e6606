package dev.aios.inference.local.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.inference.local.ModelFormatException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the Hugging Face {@code tokenizer.json} equivalent to a GGUF file's tokenizer metadata,
 * so that one tokenizer implementation (Hugging Face tokenizers, through DJL) serves both formats.
 *
 * <ul>
 *   <li>{@code tokenizer.ggml.model = "gpt2"}: byte-level BPE from {@code tokens} and
 *       {@code merges}, with the pre-tokenizer split that {@code tokenizer.ggml.pre} names
 *       (GPT-2's, Llama 3's, Qwen2's, SmolLM's);
 *   <li>{@code "llama"}: SentencePiece BPE from {@code tokens} and {@code scores}, with byte
 *       fallback to the {@code <0xNN>} tokens; merges are derived from the scores the way
 *       transformers' {@code LlamaConverter} derives them from a SentencePiece model.
 * </ul>
 * Control and user-defined tokens ({@code token_type} 3 and 4) become added tokens, control ones
 * special (left out when decoding).
 */
final class GgufTokenizerJson {
    private static final Logger LOG = LoggerFactory.getLogger(GgufTokenizerJson.class);

    private static final int NORMAL = 1;
    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;

    private static final String GPT2_SPLIT =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final String LLAMA3_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private GgufTokenizerJson() {}

    /**
     * @return the tokenizer.json document as a string
     * @throws ModelFormatException if the tokenizer metadata is missing, of an unsupported model,
     *     or inconsistent (array lengths that differ, a merge that names no token)
     */
    static String write(GgufMetadata m) {
        String model = m.requireString("tokenizer.ggml.model", "the tokenizer is read from the metadata");
        List<String> tokens = m.optionalList("tokenizer.ggml.tokens", String.class);
        if (tokens == null) {
            throw new ModelFormatException("GGUF file " + m.file() + " has no metadata key 'tokenizer.ggml.tokens'");
        }
        List<Long> types = m.optionalList("tokenizer.ggml.token_type", Long.class);
        if (types != null && types.size() != tokens.size()) {
            throw new ModelFormatException("GGUF file " + m.file() + " has " + types.size()
                    + " entries in tokenizer.ggml.token_type but " + tokens.size() + " tokens");
        }
        ObjectNode root = ModelJson.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < tokens.size(); id++) {
            int type = types == null ? NORMAL : types.get(id).intValue();
            if (type == CONTROL || type == USER_DEFINED) {
                ObjectNode t = added.addObject();
                t.put("id", id);
                t.put("content", tokens.get(id));
                t.put("single_word", false);
                t.put("lstrip", false);
                t.put("rstrip", false);
                t.put("normalized", false);
                t.put("special", type == CONTROL);
            }
        }
        ObjectNode bpe = ModelJson.MAPPER.createObjectNode();
        bpe.put("type", "BPE");
        bpe.putNull("dropout");
        bpe.putNull("continuing_subword_prefix");
        bpe.putNull("end_of_word_suffix");
        ObjectNode vocab = bpe.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            if (!vocab.has(tokens.get(id))) {
                vocab.put(tokens.get(id), id);
            }
        }
        switch (model) {
            case "gpt2" -> gpt2(m, root, bpe, tokens);
            case "llama" -> sentencePiece(m, root, bpe, tokens, types);
            default -> throw new ModelFormatException("GGUF file " + m.file() + " has tokenizer.ggml.model '" + model
                    + "'; supported: gpt2 (byte-level BPE), llama (SentencePiece BPE)");
        }
        root.set("model", bpe);
        try {
            return ModelJson.MAPPER.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void gpt2(GgufMetadata m, ObjectNode root, ObjectNode bpe, List<String> tokens) {
        List<String> merges = m.optionalList("tokenizer.ggml.merges", String.class);
        if (merges == null) {
            throw new ModelFormatException("GGUF file " + m.file() + " has a gpt2 tokenizer without"
                    + " 'tokenizer.ggml.merges'");
        }
        String pre = m.optionalString("tokenizer.ggml.pre");
        String split = switch (pre == null ? "default" : pre) {
            case "default", "gpt2", "gpt-2" -> null;
            case "llama-bpe", "llama3", "llama-v3", "falcon3", "pixtral" -> LLAMA3_SPLIT;
            case "qwen2", "deepseek-r1-qwen", "qwen35", "megrez" -> QWEN2_SPLIT;
            case "smollm" -> null;
            default -> {
                LOG.warn("{}: tokenizer.ggml.pre '{}' is not known here; splitting words as GPT-2 does, which may"
                        + " tokenize some text differently from llama.cpp", m.file(), pre);
                yield null;
            }
        };
        root.putNull("normalizer");
        ObjectNode byteLevel = ModelJson.MAPPER.createObjectNode();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", split == null);
        ObjectNode preTokenizer = byteLevel;
        if (split != null || "smollm".equals(pre)) {
            preTokenizer = ModelJson.MAPPER.createObjectNode();
            preTokenizer.put("type", "Sequence");
            ArrayNode steps = preTokenizer.putArray("pretokenizers");
            if (split != null) {
                ObjectNode s = steps.addObject();
                s.put("type", "Split");
                s.putObject("pattern").put("Regex", split);
                s.put("behavior", "Isolated");
                s.put("invert", false);
            } else {
                steps.addObject().put("type", "Digits").put("individual_digits", true);
            }
            steps.add(byteLevel);
        }
        root.set("pre_tokenizer", preTokenizer);
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", true);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);
        bpe.putNull("unk_token");
        bpe.put("fuse_unk", false);
        bpe.put("byte_fallback", false);
        bpe.put("ignore_merges", split == LLAMA3_SPLIT);
        ArrayNode mergesNode = bpe.putArray("merges");
        for (String merge : merges) {
            mergesNode.add(merge);
        }
    }

    private static void sentencePiece(GgufMetadata m, ObjectNode root, ObjectNode bpe, List<String> tokens,
            @Nullable List<Long> types) {
        List<Double> scores = m.optionalList("tokenizer.ggml.scores", Double.class);
        if (scores == null || scores.size() != tokens.size()) {
            throw new ModelFormatException("GGUF file " + m.file() + " has a llama (SentencePiece) tokenizer with "
                    + (scores == null ? "no tokenizer.ggml.scores" : scores.size() + " scores for " + tokens.size()
                    + " tokens") + "; the scores order its merges");
        }
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Sequence");
        ArrayNode norms = normalizer.putArray("normalizers");
        norms.addObject().put("type", "Prepend").put("prepend", "\u2581");
        ObjectNode replace = norms.addObject().put("type", "Replace");
        replace.putObject("pattern").put("String", " ");
        replace.put("content", "\u2581");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "Sequence");
        ArrayNode decoders = decoder.putArray("decoders");
        ObjectNode spaces = decoders.addObject().put("type", "Replace");
        spaces.putObject("pattern").put("String", "\u2581");
        spaces.put("content", " ");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
        Integer unk = m.optionalTokenId("tokenizer.ggml.unknown_token_id");
        if (unk != null && unk < tokens.size()) {
            bpe.put("unk_token", tokens.get(unk));
        } else {
            bpe.putNull("unk_token");
        }
        bpe.put("fuse_unk", true);
        bpe.put("byte_fallback", true);
        ArrayNode mergesNode = bpe.putArray("merges");
        for (String merge : mergesFromScores(tokens, scores, types)) {
            mergesNode.add(merge);
        }
    }

    /**
     * transformers' SentencePieceExtractor: every normal token that splits into two normal tokens
     * yields the merge of that split, ranked by the merged token's score (highest first), ties
     * by the ids of the two parts.
     */
    static List<String> mergesFromScores(List<String> tokens, List<Double> scores, @Nullable List<Long> types) {
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            if (types == null || types.get(id) == NORMAL) {
                ids.putIfAbsent(tokens.get(id), id);
            }
        }
        record Merge(String left, String right, int leftId, int rightId, double score) {}
        List<Merge> merges = new ArrayList<>();
        for (int id = 0; id < tokens.size(); id++) {
            String piece = tokens.get(id);
            if (types != null && types.get(id) != NORMAL) {
                continue;
            }
            for (int i = 1; i < piece.length(); i++) {
                if (Character.isLowSurrogate(piece.charAt(i))) {
                    continue;
                }
                Integer l = ids.get(piece.substring(0, i));
                Integer r = ids.get(piece.substring(i));
                if (l != null && r != null) {
                    merges.add(new Merge(piece.substring(0, i), piece.substring(i), l, r, scores.get(id)));
                }
            }
        }
        merges.sort(Comparator.comparingDouble(Merge::score).reversed()
                .thenComparingInt(Merge::leftId).thenComparingInt(Merge::rightId));
        List<String> out = new ArrayList<>(merges.size());
        for (Merge merge : merges) {
            out.add(merge.left() + " " + merge.right());
        }
        return out;
    }
}
