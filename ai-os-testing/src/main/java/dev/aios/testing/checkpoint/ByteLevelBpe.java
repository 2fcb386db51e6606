package dev.aios.testing.checkpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a consistent byte-level BPE {@code tokenizer.json} of any vocabulary size, in the style of
 * GPT-2 and SmolLM: three special tokens, the 256 byte characters, then merged tokens whose merge
 * rules and both parts are in the file.
 */
final class ByteLevelBpe {

    static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    /** Ids before the merged tokens: the special tokens and the 256 byte characters. */
    static final int BASE_VOCAB = SPECIAL_TOKENS.size() + 256;

    /** Common English merges first, so that ordinary text encodes to fewer tokens than bytes. */
    private static final List<String> FIRST_MERGED_TOKENS = List.of(
            "Ġt", "Ġa", "he", "in", "re", "on", "Ġthe", "er", "Ġs", "at", "Ġw", "Ġo", "en", "Ġc", "it", "is",
            "an", "or", "es", "Ġb", "ed", "Ġf", "ing", "Ġp", "ou", "Ġan", "al", "ar", "Ġto", "Ġm", "Ġof",
            "Ġin", "Ġd", "Ġh", "Ġand", "ic", "as", "le", "Ġth", "Ġre", "ion", "Ġl", "Ġis", "Ġn", "Ġe", "Ġg",
            "ent", "ro", "Ġu", "Ġy", "Ġyou", "Ġit", "Ġfor", "Ġon", "Ġthat");

    private static final String LETTERS_BY_FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz";

    private ByteLevelBpe() {}

    /** GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to code points from 256 up. */
    static char[] byteToChar() {
        char[] map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char) b : (char) next++;
        }
        return map;
    }

    /**
     * @param vocabSize the total number of ids, at least {@link #BASE_VOCAB}
     * @return the whole {@code tokenizer.json} document
     */
    static ObjectNode tokenizerJson(int vocabSize) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String s : SPECIAL_TOKENS) {
            vocab.put(s, vocab.size());
        }
        for (char c : byteToChar()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        List<String> merges = new ArrayList<>();
        Map<String, Integer> ranks = new HashMap<>();
        for (String target : FIRST_MERGED_TOKENS) {
            addIfOneMergeAway(target, vocab, merges, ranks, vocabSize);
        }
        // Then systematically: every token so far (space-prefixed or letters) extended by one letter.
        List<String> stems = new ArrayList<>();
        stems.add("Ġ");
        for (char c : LETTERS_BY_FREQUENCY.toCharArray()) {
            stems.add(String.valueOf(c));
        }
        for (int i = 0; i < stems.size() && vocab.size() < vocabSize; i++) {
            for (char c : LETTERS_BY_FREQUENCY.toCharArray()) {
                String merged = stems.get(i) + c;
                if (addIfOneMergeAway(merged, vocab, merges, ranks, vocabSize)) {
                    stems.add(merged);
                }
            }
        }
        if (vocab.size() < vocabSize) {
            throw new IllegalStateException("could not build " + vocabSize + " tokens, only " + vocab.size());
        }

        ObjectNode root = CheckpointJson.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : SPECIAL_TOKENS) {
            added.add(addedToken(vocab.get(s), s));
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false, true));
        root.set("post_processor", byteLevel(true, false));
        root.set("decoder", byteLevel(true, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode mergesNode = model.putArray("merges");
        merges.forEach(mergesNode::add);
        return root;
    }

    /**
     * Adds {@code target} with a new merge rule if BPE with the merges so far splits it into
     * exactly two tokens: then the rule is the one BPE reaches it by, and the token is reachable.
     * Earlier rules win in BPE, so a rule on any other split (say "th e" after "h e") would never fire.
     */
    private static boolean addIfOneMergeAway(String target, Map<String, Integer> vocab, List<String> merges,
            Map<String, Integer> ranks, int vocabSize) {
        if (vocab.size() >= vocabSize || vocab.containsKey(target)) {
            return false;
        }
        List<String> parts = applyMerges(target, ranks);
        if (parts.size() != 2) {
            return false;
        }
        String rule = parts.get(0) + " " + parts.get(1);
        ranks.put(rule, merges.size());
        merges.add(rule);
        vocab.put(target, vocab.size());
        return true;
    }

    /** Byte-pair encoding of a word already in byte characters: merge the best-ranked pair until none applies. */
    static List<String> applyMerges(String word, Map<String, Integer> ranks) {
        List<String> parts = new ArrayList<>();
        word.codePoints().forEach(cp -> parts.add(Character.toString(cp)));
        while (parts.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer rank = ranks.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            if (best < 0) {
                break;
            }
            parts.set(best, parts.get(best) + parts.remove(best + 1));
        }
        return parts;
    }

    static ObjectNode addedToken(int id, String content) {
        ObjectNode t = CheckpointJson.MAPPER.createObjectNode();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", true);
        return t;
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        ObjectNode n = CheckpointJson.MAPPER.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", addPrefixSpace);
        n.put("trim_offsets", trimOffsets);
        n.put("use_regex", true);
        return n;
    }
}
