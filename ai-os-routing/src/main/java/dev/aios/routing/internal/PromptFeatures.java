package dev.aios.routing.internal;

import dev.aios.api.text.Vectors;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;

/**
 * Turns a request into the router's feature vector: the prompt's sentence embedding followed by a
 * few cheap features that embeddings miss (length, digits, maths, code, reasoning verbs, turns)
 * and a hashed one-hot of the request's purpose, then a constant 1 for the bias. Writes into a
 * caller's array so that the routing hot path allocates nothing.
 */
public final class PromptFeatures {
    /** Cheap features after the embedding, the purpose buckets included, the bias excluded. */
    public static final int CHEAP = 12;
    static final int PURPOSE_BUCKETS = 4;
    /** Longest prompt text embedded, in characters; the rest adds cost, not signal. */
    public static final int MAX_EMBEDDED_CHARS = 2000;

    private PromptFeatures() {}

    /** @return the length of a feature vector over {@code embeddingDims} dimensions */
    public static int dimension(int embeddingDims) {
        return embeddingDims + CHEAP + 1;
    }

    /** @return the text the router embeds: the last user message, else every message's text */
    public static String promptText(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user && user.hasSingleText()) {
                return clip(user.singleText());
            }
        }
        StringBuilder all = new StringBuilder();
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage system) {
                all.append(system.text()).append('\n');
            }
        }
        return clip(all.toString());
    }

    private static String clip(String text) {
        return text.length() <= MAX_EMBEDDED_CHARS ? text : text.substring(0, MAX_EMBEDDED_CHARS);
    }

    /**
     * Fills {@code out} with the features of a prompt.
     *
     * @param embedding the prompt's embedding (normalised here to unit length while copying)
     * @param text the prompt text ({@link #promptText})
     * @param turns messages in the request
     * @param purpose the request's purpose
     * @param out an array of {@link #dimension} floats
     */
    public static void fill(float[] embedding, CharSequence text, int turns, String purpose, float[] out) {
        int e = embedding.length;
        double norm = Vectors.norm(embedding);
        float scale = norm > 0 ? (float) (1 / norm) : 0f;
        for (int i = 0; i < e; i++) {
            out[i] = embedding[i] * scale;
        }
        int length = text.length();
        int digits = 0;
        int maths = 0;
        int lines = 1;
        int nonAscii = 0;
        int code = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '=' || c == '+' || c == '^' || c == '*' || c == '/' || c == '<' || c == '>'
                    || c == '\u221a' || c == '\u222b' || c == '\u2211' || c == '$' || c == '\\') {
                maths++;
            } else if (c == '\n') {
                lines++;
            } else if (c == '{' || c == '}' || c == ';' || c == '`') {
                code++;
            } else if (c > 127) {
                nonAscii++;
            }
        }
        double n = Math.max(1, length);
        out[e] = (float) (Math.log1p(length) / 8);
        out[e + 1] = (float) Math.min(1, 5 * digits / n);
        out[e + 2] = (float) Math.min(1, 10 * maths / n);
        out[e + 3] = (float) Math.min(1, 20 * code / n);
        out[e + 4] = (float) (Math.log1p(lines) / 4);
        out[e + 5] = (float) Math.min(1, 5 * nonAscii / n);
        out[e + 6] = reasoning(text) ? 1f : 0f;
        out[e + 7] = (float) (Math.log1p(turns) / 3);
        int bucket = Math.floorMod(purpose.hashCode(), PURPOSE_BUCKETS);
        for (int b = 0; b < PURPOSE_BUCKETS; b++) {
            out[e + 8 + b] = b == bucket ? 1f : 0f;
        }
        out[e + CHEAP] = 1f;
    }

    // Verbs that ask for multi-step work, where weaker models fall behind most (a cheap cue).
    private static final String[] REASONING = {"prove", "solve", "calculate", "compute", "derive", "step by step",
        "implement", "write a function", "write a program", "how many", "evaluate"};
    /** Which lower-case ASCII letters start a verb of {@link #REASONING}. */
    private static final boolean[] STARTS_A_VERB = new boolean[128];

    static {
        for (String verb : REASONING) {
            STARTS_A_VERB[verb.charAt(0)] = true;
        }
    }

    // The cue sits in the instruction, near the start: scanning only the head keeps routing in microseconds.
    private static final int REASONING_SCAN = 400;

    /**
     * Whether a verb of {@link #REASONING} occurs, ignoring case, within the first
     * {@value #REASONING_SCAN} characters. One pass that lowers each character once and tries
     * the verbs only where one could start: trying each verb at every position lowered the same
     * characters eleven times and was most of the routing decision's time.
     */
    static boolean reasoning(CharSequence text) {
        int limit = Math.min(text.length(), REASONING_SCAN);
        for (int i = 0; i < limit; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= 128 || !STARTS_A_VERB[c]) {
                continue;
            }
            for (String verb : REASONING) {
                if (verb.charAt(0) == c && matchesAt(text, i, verb, limit)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(CharSequence text, int at, String verb, int limit) {
        if (at + verb.length() > limit) {
            return false;
        }
        for (int j = 1; j < verb.length(); j++) {
            if (Character.toLowerCase(text.charAt(at + j)) != verb.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
