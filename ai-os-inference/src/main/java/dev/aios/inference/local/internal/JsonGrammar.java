package dev.aios.inference.local.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import dev.aios.inference.local.internal.JsonFrames.ArrayFrame;
import dev.aios.inference.local.internal.JsonFrames.ObjectFrame;
import dev.aios.inference.local.internal.JsonFrames.StringFrame;

/**
 * A byte-level pushdown automaton for the JSON documents a {@link SchemaNode} allows. A position
 * in the document is a {@link Config}: an immutable stack of frames, so stepping one byte makes
 * new configs and shares the rest, and a walk over a trie of token strings branches cheaply. A
 * state is the list of configs still possible (more than one only under anyOf). Every config
 * also knows the fewest bytes that complete its document, which is how generation is forced to
 * close before its token budget runs out.
 *
 * <p>Output is compact: at most {@link #MAX_WHITESPACE} whitespace bytes in a row between
 * tokens, strings of at most {@link #DEFAULT_MAX_STRING} characters unless the schema says
 * otherwise, numbers of at most {@link #MAX_DIGITS} digits, keys without escapes, valid UTF-8.
 */
final class JsonGrammar {
    static final int DEFAULT_MAX_STRING = 256;
    static final int MAX_KEY = 64;
    static final int MAX_WHITESPACE = 2;
    static final int MAX_DIGITS = 15;
    private static final byte[][] BOOLEANS = {bytes("true"), bytes("false")};
    private static final byte[][] NULL = {bytes("null")};

    private JsonGrammar() {}

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the state before the first byte of a document of {@code root} */
    static List<Config> initial(SchemaNode root) {
        return List.of(new Config(new ValueFrame(root, 0), new Config(Done.INSTANCE, null)));
    }

    /** @return the configs after byte {@code b} (0..255), empty when {@code b} cannot come next */
    static List<Config> step(List<Config> state, int b) {
        if (state.size() == 1) {
            List<Config> out = new ArrayList<>(2);
            state.get(0).step(b, out);
            return out.size() > 1 ? distinct(out) : out;
        }
        List<Config> out = new ArrayList<>();
        for (Config c : state) {
            c.step(b, out);
        }
        return out.size() > 1 ? distinct(out) : out;
    }

    private static List<Config> distinct(List<Config> out) {
        return new ArrayList<>(new LinkedHashSet<>(out));
    }

    /** @return the state after {@code text}, empty when it is not a valid prefix */
    static List<Config> step(List<Config> state, byte[] text) {
        for (byte b : text) {
            if (state.isEmpty()) {
                return state;
            }
            state = step(state, b & 0xFF);
        }
        return state;
    }

    /** @return whether the bytes so far are a whole document */
    static boolean accepting(List<Config> state) {
        for (Config c : state) {
            if (c.accepting()) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the document is whole and no byte may follow */
    static boolean finished(List<Config> state) {
        if (!accepting(state)) {
            return false;
        }
        for (int b = 0; b < 256; b++) {
            if (!step(state, b).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** @return the fewest bytes that complete the document from {@code state} */
    static int minClose(List<Config> state) {
        int m = Integer.MAX_VALUE;
        for (Config c : state) {
            m = Math.min(m, c.minClose());
        }
        return m;
    }

    static boolean whitespace(int b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    /**
     * Bytes that write the required properties not in {@code used} and the closing brace.
     *
     * @param first whether no property has been written since the brace or the last comma
     */
    static long missingBytes(SchemaNode n, long used, boolean first) {
        long missing = n.required & ~used;
        long total = 1;
        int k = 0;
        for (int i = 0; i < n.propertyNames.length; i++) {
            if ((missing & (1L << i)) != 0) {
                total += n.quotedNames[i].length + 1L + n.propertySchemas[i].minBytes;
                k++;
            }
        }
        return total + (first ? Math.max(0, k - 1) : k);
    }

    private static int clamp(long v) {
        return (int) Math.min(v, Integer.MAX_VALUE / 4);
    }

    /** One position in a document: the innermost frame over the rest of the stack. */
    static final class Config {
        final Frame top;
        final @Nullable Config parent;
        private int tail = -1;
        private int hash;

        Config(Frame top, @Nullable Config parent) {
            this.top = top;
            this.parent = parent;
        }

        void step(int b, List<Config> out) {
            top.step(b, parent, out);
            if (parent != null && top.canEnd()) {
                Frame p = parent.top.afterChild(top);
                if (p != null) {
                    new Config(p, parent.parent).step(b, out);
                }
            }
        }

        boolean accepting() {
            if (top == Done.INSTANCE) {
                return true;
            }
            if (parent == null || !top.canEnd()) {
                return false;
            }
            Frame p = parent.top.afterChild(top);
            return p != null && new Config(p, parent.parent).accepting();
        }

        int minClose() {
            return clamp((long) top.minClose() + tail());
        }

        /** Bytes the enclosing frames need once {@link #top} is complete. */
        private int tail() {
            if (tail < 0) {
                tail = parent == null ? 0 : clamp((long) parent.top.closeAfterChild() + parent.tail());
            }
            return tail;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && (c == this || c.hashCode() == hashCode() && top.equals(c.top)
                    && Objects.equals(parent, c.parent));
        }

        @Override
        public int hashCode() {
            if (hash == 0) {
                hash = 31 * top.hashCode() + (parent == null ? 0 : parent.hashCode()) | 1;
            }
            return hash;
        }
    }

    /** One level of the stack: the value being written at that depth. */
    interface Frame {
        /** Adds the configs after {@code b} to {@code out}, with this frame replaced above {@code parent}. */
        void step(int b, @Nullable Config parent, List<Config> out);

        /** @return whether the value of this frame may end here */
        default boolean canEnd() {
            return false;
        }

        /** @return this container once {@code child} is complete, or null when that child is not allowed */
        default @Nullable Frame afterChild(Frame child) {
            throw new IllegalStateException(this + " has no children");
        }

        /** @return the fewest bytes that complete this frame's value */
        int minClose();

        /** @return the fewest bytes this frame needs after its child completes */
        default int closeAfterChild() {
            return 0;
        }
    }

    /** Below the root value: nothing may follow the document. */
    enum Done implements Frame {
        INSTANCE;

        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {}

        @Override
        public Frame afterChild(Frame child) {
            return this;
        }

        @Override
        public int minClose() {
            return 0;
        }
    }

    /** A value that is complete: only its container may take the next byte. */
    enum Complete implements Frame {
        INSTANCE;

        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {}

        @Override
        public boolean canEnd() {
            return true;
        }

        @Override
        public int minClose() {
            return 0;
        }
    }

    /** Before a value: optional whitespace, then its first byte. */
    record ValueFrame(SchemaNode node, int ws) implements Frame {
        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {
            if (whitespace(b)) {
                if (ws < MAX_WHITESPACE) {
                    out.add(new Config(new ValueFrame(node, ws + 1), parent));
                }
                return;
            }
            start(node, b, parent, out);
        }

        @Override
        public int minClose() {
            return node.minBytes;
        }
    }

    /** Starts a value of {@code node} with its first byte {@code b}. */
    static void start(SchemaNode node, int b, @Nullable Config parent, List<Config> out) {
        SchemaNode n = node.resolved();
        if (n.anyOf != null) {
            for (SchemaNode alternative : n.anyOf) {
                start(alternative, b, parent, out);
            }
            return;
        }
        if (n.literals != null) {
            new LiteralFrame(n.literals, null, null, 0).step(b, parent, out);
            return;
        }
        int t = n.types;
        if (b == '{' && (t & SchemaNode.OBJECT) != 0) {
            out.add(new Config(new ObjectFrame(n, ObjectFrame.OPEN, 0, List.of(), null, 0), parent));
        } else if (b == '[' && (t & SchemaNode.ARRAY) != 0) {
            out.add(new Config(new ArrayFrame(n, ArrayFrame.OPEN, 0, 0), parent));
        } else if (b == '"' && (t & SchemaNode.STRING) != 0) {
            out.add(new Config(StringFrame.value(n.minLength, n.maxLength), parent));
        } else if ((b == '-' || b >= '0' && b <= '9') && (t & (SchemaNode.NUMBER | SchemaNode.INTEGER)) != 0) {
            boolean integer = (t & SchemaNode.NUMBER) == 0;
            int phase = b == '-' ? NumberFrame.MINUS : b == '0' ? NumberFrame.ZERO : NumberFrame.INT;
            out.add(new Config(new NumberFrame(integer, phase, b == '-' ? 0 : 1), parent));
        } else if ((b == 't' || b == 'f') && (t & SchemaNode.BOOLEAN) != 0) {
            new LiteralFrame(BOOLEANS, null, null, 0).step(b, parent, out);
        } else if (b == 'n' && (t & SchemaNode.NULL) != 0) {
            new LiteralFrame(NULL, null, null, 0).step(b, parent, out);
        }
    }

    /**
     * One of a fixed set of texts (enum and const values, true/false/null, declared keys), of
     * which the first {@code pos} bytes are written.
     *
     * @param ids what each candidate stands for (a property index), or null
     * @param tails bytes the container needs after each candidate, or null for none
     */
    record LiteralFrame(byte[][] candidates, int @Nullable [] ids, int @Nullable [] tails, int pos) implements Frame {
        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {
            int n = 0;
            for (byte[] c : candidates) {
                if (c.length > pos && (c[pos] & 0xFF) == b) {
                    n++;
                }
            }
            if (n == 0) {
                return;
            }
            if (n == candidates.length) {
                out.add(new Config(new LiteralFrame(candidates, ids, tails, pos + 1), parent));
                return;
            }
            byte[][] kept = new byte[n][];
            int[] keptIds = ids == null ? null : new int[n];
            int[] keptTails = tails == null ? null : new int[n];
            int j = 0;
            for (int i = 0; i < candidates.length; i++) {
                byte[] c = candidates[i];
                if (c.length > pos && (c[pos] & 0xFF) == b) {
                    kept[j] = c;
                    if (ids != null) {
                        keptIds[j] = ids[i];
                    }
                    if (tails != null) {
                        keptTails[j] = tails[i];
                    }
                    j++;
                }
            }
            out.add(new Config(new LiteralFrame(kept, keptIds, keptTails, pos + 1), parent));
        }

        @Override
        public boolean canEnd() {
            return matched() >= 0;
        }

        /** @return the index of the candidate written whole, or -1 */
        int matched() {
            for (int i = 0; i < candidates.length; i++) {
                if (candidates[i].length == pos) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public int minClose() {
            int m = Integer.MAX_VALUE / 4;
            for (int i = 0; i < candidates.length; i++) {
                if (candidates[i].length >= pos) {
                    m = Math.min(m, candidates[i].length - pos + (tails == null ? 0 : tails[i]));
                }
            }
            return m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LiteralFrame f && f.pos == pos && Arrays.equals(f.candidates, candidates)
                    && Arrays.equals(f.ids, ids);
        }

        @Override
        public int hashCode() {
            return pos * 31 + candidates.length;
        }
    }

    /** A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]{1,2})?, only the integer part for integers. */
    record NumberFrame(boolean integer, int phase, int digits) implements Frame {
        static final int MINUS = 0;
        static final int ZERO = 1;
        static final int INT = 2;
        static final int DOT = 3;
        static final int FRAC = 4;
        static final int E = 5;
        static final int ESIGN = 6;
        static final int EXP = 7;

        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {
            boolean digit = b >= '0' && b <= '9';
            int next = -1;
            int d = digits;
            switch (phase) {
                case MINUS -> next = b == '0' ? ZERO : digit ? INT : -1;
                case ZERO, INT -> {
                    if (digit && phase == INT && digits < MAX_DIGITS) {
                        next = INT;
                    } else if (!integer && b == '.') {
                        next = DOT;
                    } else if (!integer && (b == 'e' || b == 'E')) {
                        next = E;
                    }
                }
                case DOT -> next = digit && digits < MAX_DIGITS ? FRAC : -1;
                case FRAC -> next = digit && digits < MAX_DIGITS ? FRAC : b == 'e' || b == 'E' ? E : -1;
                case E -> next = b == '+' || b == '-' ? ESIGN : digit ? EXP : -1;
                case ESIGN -> next = digit ? EXP : -1;
                case EXP -> next = digit && digits < 2 ? EXP : -1;
                default -> throw new IllegalStateException("phase " + phase);
            }
            if (next < 0) {
                return;
            }
            if (next == E) {
                d = 0;
            } else if (digit) {
                d = phase == E || phase == ESIGN ? 1 : d + 1;
            }
            out.add(new Config(new NumberFrame(integer, next, d), parent));
        }

        @Override
        public boolean canEnd() {
            return phase == ZERO || phase == INT || phase == FRAC || phase == EXP;
        }

        @Override
        public int minClose() {
            return canEnd() ? 0 : 1;
        }
    }

    /** A key of an object with undeclared properties, closed: its text, and the bytes its object needs after it. */
    record ClosedKey(String text, int tail) implements Frame {
        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {}

        @Override
        public boolean canEnd() {
            return true;
        }

        @Override
        public int minClose() {
            return tail;
        }
    }
}
