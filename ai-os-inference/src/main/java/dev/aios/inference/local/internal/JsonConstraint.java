package dev.aios.inference.local.internal;

import dev.aios.inference.local.internal.JsonGrammar.Config;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Constrained decoding for one generation: before each token, the logits of tokens that cannot
 * continue a document of the schema are set to -infinity, so whatever the sampler picks keeps the
 * output a valid prefix, and an end token is allowed only when the document is whole. Near the
 * end of the token budget only tokens that leave a completion short enough to fit stay allowed,
 * so the document is closed in time (assuming the vocabulary has a token for each single byte, as
 * byte-level BPE vocabularies do).
 *
 * <p>Greedy decoding checks the best tokens one by one and stops at the first that fits (usually
 * the first); sampling walks the whole {@link TokenVocabulary} trie once per token.
 */
public final class JsonConstraint {
    /** Greedy decoding tries this many best tokens before it builds the full mask. */
    private static final int GREEDY_TRIES = 16;

    private final TokenVocabulary vocabulary;
    private final Set<Integer> endTokens;
    private List<Config> state;
    private int[] closeAfter = new int[0];
    /** Whether masks inside strings take the arithmetic path (tests compare it with the trie walk). */
    boolean fastStrings = true;

    /**
     * @param schemaJson the schema, as {@link JsonSchemaCompiler#compile} accepts it
     * @param endTokens the tokens that end generation; allowed only when the document is whole
     */
    public JsonConstraint(String schemaJson, TokenVocabulary vocabulary, Set<Integer> endTokens) {
        this.vocabulary = vocabulary;
        this.endTokens = Set.copyOf(endTokens);
        this.state = JsonGrammar.initial(JsonSchemaCompiler.compile(schemaJson));
    }

    /**
     * Masks {@code logits} for the next token.
     *
     * @param remaining how many tokens may still be generated, this one included
     * @param lazy whether the sampler picks the argmax of exactly these logits (greedy, no
     *     repetition penalty), so that making the best allowed token the argmax is enough
     * @throws IllegalStateException if no token can continue the document (a vocabulary without
     *     the bytes it needs)
     */
    public void mask(float[] logits, int remaining, boolean lazy) {
        int budget = Math.max(0, remaining - 1);
        if (lazy) {
            for (int attempt = 0; attempt < GREEDY_TRIES; attempt++) {
                int best = Sampler.argmax(logits);
                if (logits[best] == Float.NEGATIVE_INFINITY) {
                    break;
                }
                if (fits(best, budget)) {
                    return;
                }
                logits[best] = Float.NEGATIVE_INFINITY;
            }
        }
        fullMask(logits, budget);
    }

    private boolean fits(int token, int budget) {
        if (endTokens.contains(token)) {
            return JsonGrammar.accepting(state);
        }
        byte[] b = vocabulary.bytes(token);
        if (b == null || b.length == 0) {
            return false;
        }
        List<Config> next = JsonGrammar.step(state, b);
        return !next.isEmpty() && JsonGrammar.minClose(next) <= budget;
    }

    private void fullMask(float[] logits, int budget) {
        int n = logits.length;
        if (closeAfter.length != n) {
            closeAfter = new int[n];
        }
        Arrays.fill(closeAfter, -1);
        if (!fastStrings || !insideStrings()) {
            walk(0, state, false);
        }
        int limit = Integer.MAX_VALUE;
        int least = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (closeAfter[i] >= 0) {
                least = Math.min(least, closeAfter[i]);
            }
        }
        boolean accepting = JsonGrammar.accepting(state);
        // Within the budget when possible; otherwise (a budget too small from the start) the tokens
        // that bring the end closest.
        limit = least <= budget || accepting ? budget : least;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            boolean allowed = endTokens.contains(i) ? accepting : closeAfter[i] >= 0 && closeAfter[i] <= limit;
            if (allowed) {
                any = true;
            } else {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
        if (!any) {
            throw new IllegalStateException("no token of the vocabulary can continue the JSON document after its "
                    + "current text; the tokenizer lacks the bytes the schema needs");
        }
    }

    /**
     * The fast path for the commonest state, inside a string's text, where almost every token
     * fits and a trie walk would visit all of them byte by byte: a token of plain characters only
     * advances the length, so its shortest completion is arithmetic; the trie is walked only down
     * the paths that lead to the few other tokens (quotes, escapes, control bytes, UTF-8).
     *
     * @return false, having done nothing, when some config is not inside a string's text
     */
    private boolean insideStrings() {
        for (Config c : state) {
            if (!(c.top instanceof JsonFrames.StringFrame f) || f.mode() != JsonFrames.StringFrame.NORMAL) {
                return false;
            }
        }
        TokenVocabulary v = vocabulary;
        int n = Math.min(closeAfter.length, v.size());
        for (Config c : state) {
            JsonFrames.StringFrame f = (JsonFrames.StringFrame) c.top;
            int ancestors = c.minClose() - f.minClose();
            // A key's tail differs from an undeclared key's only when it spells a declared or used name.
            boolean[] namedLength = new boolean[JsonGrammar.MAX_KEY + 1];
            if (f.owner() != null) {
                for (String name : f.owner().n().propertyNames) {
                    int l = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    namedLength[Math.min(l, JsonGrammar.MAX_KEY)] = true;
                }
                for (String name : f.owner().freeUsed()) {
                    int l = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    namedLength[Math.min(l, JsonGrammar.MAX_KEY)] = true;
                }
            }
            int keyTail = f.owner() == null ? 0 : f.owner().undeclaredKeyTail();
            for (int id = 0; id < n; id++) {
                int plain = v.plainLength[id];
                if (plain < 0 || f.length() + plain > f.max()) {
                    continue;
                }
                int length = f.length() + plain;
                int tail = keyTail;
                if (f.owner() != null && (f.key().length + plain >= namedLength.length
                        || namedLength[f.key().length + plain])) {
                    byte[] key = Arrays.copyOf(f.key(), f.key().length + plain);
                    System.arraycopy(v.bytes(id), 0, key, f.key().length, plain);
                    tail = f.owner().keyTail(key);
                }
                int close = Math.max(0, f.min() - length) + 1 + tail + ancestors;
                if (closeAfter[id] < 0 || close < closeAfter[id]) {
                    closeAfter[id] = close;
                }
            }
        }
        walk(0, state, true);
        return true;
    }

    /**
     * Records, for every token whose bytes continue {@code s} from trie node {@code node}, its
     * shortest completion; with {@code onlyNotPlain}, only below nodes that lead to a token that is
     * not all plain.
     */
    private void walk(int node, List<Config> s, boolean onlyNotPlain) {
        TokenVocabulary v = vocabulary;
        for (int child = v.firstChild[node]; child >= 0; child = v.nextSibling[child]) {
            if (onlyNotPlain && !v.notPlainBelow[child]) {
                continue; // every token below is plain: insideStrings() has done them
            }
            List<Config> next = JsonGrammar.step(s, v.edge[child] & 0xFF);
            if (next.isEmpty()) {
                continue;
            }
            int token = v.firstToken[child];
            if (token >= 0) {
                int close = JsonGrammar.minClose(next);
                for (; token >= 0; token = v.nextToken[token]) {
                    if (token < closeAfter.length) {
                        closeAfter[token] = close;
                    }
                }
            }
            walk(child, next, onlyNotPlain);
        }
    }

    /**
     * Advances past the chosen token.
     *
     * @throws IllegalStateException if the token does not continue the document (it was not allowed)
     */
    public void accept(int token) {
        if (endTokens.contains(token)) {
            return;
        }
        byte[] b = vocabulary.bytes(token);
        List<Config> next = b == null ? List.of() : JsonGrammar.step(state, b);
        if (next.isEmpty()) {
            throw new IllegalStateException("token " + token + " does not continue the JSON document");
        }
        state = next;
    }

    /** @return whether the document is whole and nothing may follow it */
    public boolean finished() {
        return JsonGrammar.finished(state);
    }

    /** @return whether the text so far is a whole document */
    public boolean accepting() {
        return JsonGrammar.accepting(state);
    }
}
