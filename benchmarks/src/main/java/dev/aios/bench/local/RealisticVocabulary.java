package dev.aios.bench.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A byte-level BPE vocabulary shaped like a real one (GPT-2, SmolLM), for measuring constrained
 * decoding: the test checkpoint's tokenizer merges only letters, so in a JSON document most of its
 * tokens die at their first byte and a mask looks cheaper than it is. This one has words with and
 * without a leading space and capital, numbers, punctuation and JSON fragments ({@code ":"},
 * {@code "},}), newline-and-indent runs, code identifiers and UTF-8 pieces (whole and split
 * characters), about 6 bytes a token on average. No merges: it is for decoding token ids to bytes,
 * and encoding falls back to single bytes.
 */
final class RealisticVocabulary {
    private static final List<String> SPECIAL = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");
    private static final String[] ONSETS = {"", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t",
        "v", "w", "y", "z", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gr", "pl", "pr", "sh", "sl", "sp", "st", "str", "th",
        "tr", "wh"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ee", "ie", "oo", "ou", "y"};
    private static final String[] CODAS = {"", "", "n", "r", "s", "t", "l", "d", "ng", "nt", "st", "ck", "ll", "rd", "tion",
        "ment", "ing", "ed", "er", "ly", "es"};
    private static final String[] PUNCTUATION = {"\",", "\":", "{\"", "\"}", "},", "],", "[\"", "\"]", "\":\"", "\",\"",
        "\":{\"", "\":[", "\":[\"", "\"},{\"", " {", " }", " \"", " (", ");", "()", "->", "==", "!=", "</", "/>", "://",
        "...", "--", ".", ",", ":", ";", "!", "?", "'s", "'t", " -", " =", " +", " *", " [", " ]", "\":\"\"", "{}",
        "[]", "\")", "('", "')", " //", " #", "**", "__", "\\n", "\\\"", "\": ", ", \"", "\"\n", "}\n", "]\n"};

    private RealisticVocabulary() {}

    /** Writes a tokenizer.json of {@code size} ids: the special tokens, the 256 bytes, then made-up pieces. */
    static void write(Path file, int size, long seed) throws IOException {
        char[] byteToChar = byteToChar();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        SPECIAL.forEach(s -> vocab.put(s, vocab.size()));
        for (char c : byteToChar) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        Random random = new Random(seed);
        List<byte[]> pieces = new ArrayList<>();
        for (String p : PUNCTUATION) {
            pieces.add(p.getBytes(StandardCharsets.UTF_8));
        }
        for (String indent : List.of("\n", "\n\n", "\n ", "\n  ", "\n   ", "\n    ", "\n      ", "\n        ", "  ", "   ",
                "    ", "\t", "\t\t", "\n\t", " \n")) {
            pieces.add(indent.getBytes(StandardCharsets.UTF_8));
        }
        for (int n = 0; n < 1000; n++) {
            pieces.add(Integer.toString(n).getBytes(StandardCharsets.UTF_8));
            if (n < 100) {
                pieces.add((" " + n).getBytes(StandardCharsets.UTF_8));
            }
        }
        String accented = "éèàüöäçñßøåœ日本語中文한국어Привет世界εαλ";
        for (int i = 0; i < accented.length(); i++) {
            byte[] c = accented.substring(i, i + 1).getBytes(StandardCharsets.UTF_8);
            pieces.add(c);
            if (c.length == 3) {
                pieces.add(new byte[] {c[0], c[1]}); // a split character, as byte-level BPE has
            }
        }
        while (pieces.size() + vocab.size() < size * 2) {
            String word = word(random);
            int form = random.nextInt(10);
            String text = switch (form) {
                case 0, 1, 2, 3 -> " " + word;
                case 4, 5 -> word;
                case 6 -> " " + Character.toUpperCase(word.charAt(0)) + word.substring(1);
                case 7 -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
                case 8 -> word + (random.nextBoolean() ? "_" : "") + word(random);
                default -> (random.nextBoolean() ? "\":\"" : " \"") + word;
            };
            pieces.add(text.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] piece : pieces) {
            if (vocab.size() >= size) {
                break;
            }
            StringBuilder s = new StringBuilder();
            for (byte b : piece) {
                s.append(byteToChar[b & 0xFF]);
            }
            vocab.putIfAbsent(s.toString(), vocab.size());
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : SPECIAL) {
            added.addObject().put("id", vocab.get(s)).put("content", s).put("single_word", false).put("lstrip", false)
                    .put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(mapper, false));
        root.set("post_processor", byteLevel(mapper, true));
        root.set("decoder", byteLevel(mapper, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        model.putArray("merges");
        mapper.writeValue(file.toFile(), root);
    }

    private static ObjectNode byteLevel(ObjectMapper mapper, boolean trimOffsets) {
        return mapper.createObjectNode().put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", trimOffsets).put("use_regex", true);
    }

    private static String word(Random random) {
        StringBuilder w = new StringBuilder();
        int syllables = 1 + random.nextInt(3);
        for (int i = 0; i < syllables; i++) {
            w.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
        }
        return w.append(CODAS[random.nextInt(CODAS.length)]).toString();
    }

    /** GPT-2's bytes_to_unicode. */
    static char[] byteToChar() {
        char[] map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char) b : (char) next++;
        }
        return map;
    }
}
