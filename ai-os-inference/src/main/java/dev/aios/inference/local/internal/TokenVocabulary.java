package dev.aios.inference.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bytes every token id writes, read from tokenizer.json, and a trie over them: tokens that
 * share a prefix share the walk of it, which is what makes a full vocabulary mask cheap. Byte-level
 * BPE tokens (GPT-2, SmolLM, Llama 3, Qwen) map their characters back to bytes, so a token holding
 * half of a UTF-8 character is that half; SentencePiece-style tokens turn "▁" into a space and
 * {@code <0xNN>} into the byte. Special tokens and ids the tokenizer lacks have no bytes.
 */
public final class TokenVocabulary {
    private final byte[] @Nullable [] tokenBytes;
    // The trie: node 0 is the root; children as first-child / next-sibling lists.
    final int[] firstChild;
    final int[] nextSibling;
    final byte[] edge;
    final int[] firstToken;
    final int[] nextToken;
    final int nodes;
    /** Per id: its length when every byte is printable ASCII other than a quote or backslash, else -1. */
    final int[] plainLength;
    /** The ids with bytes that are not all plain (quotes, escapes, control bytes, UTF-8), for the string fast path. */
    final int[] notPlain;
    /** Per trie node: whether a token that is not all plain ends at or below it. */
    final boolean[] notPlainBelow;

    private TokenVocabulary(byte[][] tokenBytes) {
        this.tokenBytes = tokenBytes;
        int capacity = 1;
        for (byte[] b : tokenBytes) {
            capacity += b == null ? 0 : b.length;
        }
        int[] fc = new int[capacity];
        int[] ns = new int[capacity];
        byte[] ed = new byte[capacity];
        int[] ft = new int[capacity];
        java.util.Arrays.fill(fc, -1);
        java.util.Arrays.fill(ns, -1);
        java.util.Arrays.fill(ft, -1);
        nextToken = new int[tokenBytes.length];
        java.util.Arrays.fill(nextToken, -1);
        int count = 1;
        for (int id = 0; id < tokenBytes.length; id++) {
            byte[] b = tokenBytes[id];
            if (b == null || b.length == 0) {
                continue;
            }
            int node = 0;
            for (byte x : b) {
                int child = fc[node];
                while (child >= 0 && ed[child] != x) {
                    child = ns[child];
                }
                if (child < 0) {
                    child = count++;
                    ed[child] = x;
                    ns[child] = fc[node];
                    fc[node] = child;
                }
                node = child;
            }
            nextToken[id] = ft[node];
            ft[node] = id;
        }
        this.firstChild = fc;
        this.nextSibling = ns;
        this.edge = ed;
        this.firstToken = ft;
        this.nodes = count;
        plainLength = new int[tokenBytes.length];
        int[] other = new int[tokenBytes.length];
        int others = 0;
        for (int id = 0; id < tokenBytes.length; id++) {
            byte[] b = tokenBytes[id];
            plainLength[id] = b == null || b.length == 0 ? -1 : b.length;
            for (int i = 0; b != null && i < b.length && plainLength[id] >= 0; i++) {
                if (b[i] < 0x20 || b[i] == '"' || b[i] == '\\' || b[i] == 0x7F) { // bytes >= 0x80 are negative
                    plainLength[id] = -1;
                }
            }
            if (plainLength[id] < 0 && b != null && b.length > 0) {
                other[others++] = id;
            }
        }
        notPlain = java.util.Arrays.copyOf(other, others);
        // A node is marked when some token at or below it is not all plain: the string fast path walks only those.
        notPlainBelow = new boolean[count];
        for (int id : notPlain) {
            int node = 0;
            for (byte x : tokenBytes[id]) {
                int child = fc[node];
                while (ed[child] != x) {
                    child = ns[child];
                }
                notPlainBelow[child] = true;
                node = child;
            }
        }
    }

    /** @return the vocabulary of {@code byIds} (null entries write nothing and are never allowed) */
    static TokenVocabulary of(byte[][] byIds) {
        return new TokenVocabulary(byIds.clone());
    }

    /**
     * Reads the token strings of a tokenizer.json.
     *
     * @param size the model's vocabulary size (ids beyond the tokenizer's have no bytes)
     */
    public static TokenVocabulary read(Path tokenizerJson, int size) {
        try {
            return read(java.nio.file.Files.readString(tokenizerJson), tokenizerJson.toString(), size);
        } catch (IOException e) {
            throw new ModelFormatException(tokenizerJson + ": cannot read the tokenizer for constrained decoding: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads the token strings of a tokenizer.json document.
     *
     * @param source where the document came from, for error messages
     * @param size the model's vocabulary size (ids beyond the tokenizer's have no bytes)
     */
    public static TokenVocabulary read(String tokenizerJson, String source, int size) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tokenizerJson);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read the tokenizer for constrained decoding: "
                    + e.getMessage(), e);
        }
        JsonNode model = root.path("model");
        boolean byteLevel = mentions(root.path("decoder"), "ByteLevel") || mentions(root.path("pre_tokenizer"), "ByteLevel");
        Map<Character, Integer> unicodeToByte = byteLevel ? unicodeToByte() : Map.of();
        byte[][] bytes = new byte[size][];
        JsonNode vocab = model.path("vocab");
        if (vocab.isObject()) {
            for (var e : vocab.properties()) {
                put(bytes, e.getValue().asInt(-1), tokenBytes(e.getKey(), byteLevel, unicodeToByte));
            }
        } else if (vocab.isArray()) { // Unigram: [piece, score] pairs in id order
            int id = 0;
            for (JsonNode pair : vocab) {
                put(bytes, id++, tokenBytes(pair.path(0).asText(), false, unicodeToByte));
            }
        } else {
            throw new ModelFormatException(source + ": no model.vocab, so the token strings are unknown and"
                    + " constrained decoding cannot run");
        }
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt(-1);
            if (id >= 0 && id < size) {
                bytes[id] = added.path("special").asBoolean(true) ? null
                        : added.path("content").asText().getBytes(StandardCharsets.UTF_8);
            }
        }
        return new TokenVocabulary(bytes);
    }

    private static void put(byte[][] bytes, int id, byte[] value) {
        if (id >= 0 && id < bytes.length) {
            bytes[id] = value;
        }
    }

    private static boolean mentions(JsonNode node, String type) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (type.equals(node.path("type").asText())) {
            return true;
        }
        for (JsonNode child : node.path("decoders")) {
            if (mentions(child, type)) {
                return true;
            }
        }
        for (JsonNode child : node.path("pretokenizers")) {
            if (mentions(child, type)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] tokenBytes(String token, boolean byteLevel, Map<Character, Integer> unicodeToByte) {
        if (byteLevel) {
            byte[] out = new byte[token.length()];
            for (int i = 0; i < token.length(); i++) {
                Integer b = unicodeToByte.get(token.charAt(i));
                if (b == null) { // not a byte character: the token cannot be decoded byte by byte
                    return token.getBytes(StandardCharsets.UTF_8);
                }
                out[i] = (byte) (int) b;
            }
            return out;
        }
        if (token.length() == 6 && token.startsWith("<0x") && token.endsWith(">")) {
            try {
                return new byte[] {(byte) Integer.parseInt(token.substring(3, 5), 16)};
            } catch (NumberFormatException e) {
                // an ordinary token that looks like a byte
            }
        }
        return token.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
    }

    /** The inverse of GPT-2's bytes_to_unicode: printable bytes are themselves, the rest from 256 up. */
    private static Map<Character, Integer> unicodeToByte() {
        Map<Character, Integer> map = new HashMap<>();
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map.put((char) (printable ? b : next++), b);
        }
        return map;
    }

    /** @return how many ids the vocabulary has */
    public int size() {
        return tokenBytes.length;
    }

    /** @return the bytes token {@code id} writes, or null for a special or unknown token */
    byte @Nullable [] bytes(int id) {
        return id >= 0 && id < tokenBytes.length ? tokenBytes[id] : null;
    }
}
