package dev.aios.inference.local.internal;

import dev.aios.inference.local.internal.JsonGrammar.ClosedKey;
import dev.aios.inference.local.internal.JsonGrammar.Complete;
import dev.aios.inference.local.internal.JsonGrammar.Config;
import dev.aios.inference.local.internal.JsonGrammar.Frame;
import dev.aios.inference.local.internal.JsonGrammar.LiteralFrame;
import dev.aios.inference.local.internal.JsonGrammar.ValueFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The frames of {@link JsonGrammar} that hold structure: objects, arrays and strings. */
final class JsonFrames {
    private JsonFrames() {}

    /**
     * An object after its brace. {@code used} has a bit per declared property written;
     * {@code freeUsed} the undeclared keys written; {@code pending} the schema of the value after
     * the key just read.
     */
    record ObjectFrame(SchemaNode n, int phase, long used, List<String> freeUsed, @Nullable SchemaNode pending, int ws)
            implements Frame {
        static final int OPEN = 0;
        static final int KEY = 1;
        static final int COLON = 2;
        static final int VALUE = 3;
        static final int AFTER = 4;
        static final int COMMA = 5;

        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {
            if (JsonGrammar.whitespace(b)) {
                if (ws < JsonGrammar.MAX_WHITESPACE && phase != KEY && phase != VALUE) {
                    out.add(new Config(new ObjectFrame(n, phase, used, freeUsed, pending, ws + 1), parent));
                }
                return;
            }
            switch (phase) {
                case OPEN, COMMA -> {
                    if (b == '"') {
                        startKey(parent, out);
                    } else if (b == '}' && phase == OPEN && (n.required & ~used) == 0) {
                        out.add(new Config(Complete.INSTANCE, parent));
                    }
                }
                case COLON -> {
                    if (b == ':') {
                        out.add(new Config(new ValueFrame(pending, 0),
                                new Config(new ObjectFrame(n, VALUE, used, freeUsed, null, 0), parent)));
                    }
                }
                case AFTER -> {
                    if (b == ',' && n.hasFreeKey(used)) {
                        out.add(new Config(new ObjectFrame(n, COMMA, used, freeUsed, null, 0), parent));
                    } else if (b == '}' && (n.required & ~used) == 0) {
                        out.add(new Config(Complete.INSTANCE, parent));
                    }
                }
                default -> { }
            }
        }

        private void startKey(@Nullable Config parent, List<Config> out) {
            Config waiting = new Config(new ObjectFrame(n, KEY, used, freeUsed, null, 0), parent);
            if (n.additional != null) {
                out.add(new Config(new StringFrame(0, JsonGrammar.MAX_KEY, 0, StringFrame.NORMAL, 0, 0x80, 0xBF,
                        new byte[0], this), waiting));
                return;
            }
            int free = Long.bitCount(~used & n.allDeclared());
            byte[][] names = new byte[free][];
            int[] ids = new int[free];
            int[] tails = new int[free];
            int j = 0;
            for (int i = 0; i < n.propertyNames.length; i++) {
                if ((used & (1L << i)) == 0) {
                    names[j] = n.quotedNames[i];
                    ids[j] = i;
                    tails[j] = (int) Math.min(Integer.MAX_VALUE / 4,
                            1L + n.propertySchemas[i].minBytes + JsonGrammar.missingBytes(n, used | (1L << i), false));
                    j++;
                }
            }
            new LiteralFrame(names, ids, tails, 0).step('"', waiting, out);
        }

        /** Bytes after a new undeclared key closes: the colon, the shortest value, the rest. */
        int undeclaredKeyTail() {
            return (int) Math.min(Integer.MAX_VALUE / 4, 1L + n.additional.minBytes + JsonGrammar.missingBytes(n, used, false));
        }

        /** Bytes after a free key {@code text} closes: the colon, the shortest value, the rest. */
        int keyTail(byte[] text) {
            Integer i = n.propertyIndex.get(new String(text, StandardCharsets.UTF_8));
            if (i != null && (used & (1L << i)) == 0) {
                return (int) Math.min(Integer.MAX_VALUE / 4,
                        1L + n.propertySchemas[i].minBytes + JsonGrammar.missingBytes(n, used | (1L << i), false));
            }
            int extra = i != null || freeUsed.contains(new String(text, StandardCharsets.UTF_8)) ? 1 : 0;
            return (int) Math.min(Integer.MAX_VALUE / 4,
                    extra + 1L + n.additional.minBytes + JsonGrammar.missingBytes(n, used, false));
        }

        @Override
        public @Nullable Frame afterChild(Frame child) {
            if (phase == VALUE) {
                return new ObjectFrame(n, AFTER, used, freeUsed, null, 0);
            }
            if (child instanceof LiteralFrame key) {
                int i = key.ids()[key.matched()];
                return new ObjectFrame(n, COLON, used | (1L << i), freeUsed, n.propertySchemas[i], 0);
            }
            String text = ((ClosedKey) child).text();
            Integer i = n.propertyIndex.get(text);
            if (i != null) {
                return (used & (1L << i)) != 0 ? null
                        : new ObjectFrame(n, COLON, used | (1L << i), freeUsed, n.propertySchemas[i], 0);
            }
            if (freeUsed.contains(text)) {
                return null;
            }
            List<String> keys = new ArrayList<>(freeUsed.size() + 1);
            keys.addAll(freeUsed);
            keys.add(text);
            return new ObjectFrame(n, COLON, used, List.copyOf(keys), n.additional, 0);
        }

        @Override
        public int closeAfterChild() {
            return phase == VALUE ? (int) Math.min(Integer.MAX_VALUE / 4, JsonGrammar.missingBytes(n, used, false)) : 0;
        }

        @Override
        public int minClose() {
            long m = switch (phase) {
                case OPEN -> JsonGrammar.missingBytes(n, used, true);
                case COLON -> 1L + pending.minBytes + JsonGrammar.missingBytes(n, used, false);
                case AFTER, VALUE -> JsonGrammar.missingBytes(n, used, false);
                case COMMA -> commaClose();
                default -> 0;
            };
            return (int) Math.min(Integer.MAX_VALUE / 4, m);
        }

        private long commaClose() {
            if ((n.required & ~used) != 0) {
                return JsonGrammar.missingBytes(n, used, true);
            }
            long m = n.additional == null ? Long.MAX_VALUE / 4 : 2L + 1 + n.additional.minBytes + 1;
            for (int i = 0; i < n.propertyNames.length; i++) {
                if ((used & (1L << i)) == 0) {
                    m = Math.min(m, n.quotedNames[i].length + 1L + n.propertySchemas[i].minBytes + 1);
                }
            }
            return m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ObjectFrame f && f.n == n && f.phase == phase && f.used == used && f.pending == pending
                    && f.ws == ws && f.freeUsed.equals(freeUsed);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(n) * 31 + phase * 7 + Long.hashCode(used) + ws;
        }
    }

    /** An array after its bracket, with {@code count} items written. */
    record ArrayFrame(SchemaNode n, int phase, int count, int ws) implements Frame {
        static final int OPEN = 0;
        static final int WAIT = 1;
        static final int AFTER = 2;

        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {
            if (JsonGrammar.whitespace(b)) {
                if (ws < JsonGrammar.MAX_WHITESPACE && phase != WAIT) {
                    out.add(new Config(new ArrayFrame(n, phase, count, ws + 1), parent));
                }
                return;
            }
            if (phase == OPEN) {
                if (b == ']' && n.minItems == 0) {
                    out.add(new Config(Complete.INSTANCE, parent));
                } else if (n.maxItems > 0) {
                    JsonGrammar.start(n.items, b, new Config(new ArrayFrame(n, WAIT, 0, 0), parent), out);
                }
            } else if (phase == AFTER) {
                if (b == ',' && count < n.maxItems) {
                    out.add(new Config(new ValueFrame(n.items, 0), new Config(new ArrayFrame(n, WAIT, count, 0), parent)));
                } else if (b == ']' && count >= n.minItems) {
                    out.add(new Config(Complete.INSTANCE, parent));
                }
            }
        }

        @Override
        public Frame afterChild(Frame child) {
            return new ArrayFrame(n, AFTER, count + 1, 0);
        }

        @Override
        public int closeAfterChild() {
            return close(count + 1);
        }

        private int close(int written) {
            long left = Math.max(0, n.minItems - written);
            return (int) Math.min(Integer.MAX_VALUE / 4, left * (1L + n.items.minBytes) + 1);
        }

        @Override
        public int minClose() {
            if (phase == OPEN && n.minItems > 0) {
                return (int) Math.min(Integer.MAX_VALUE / 4, (long) n.minItems * (n.items.minBytes + 1));
            }
            return close(count);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayFrame f && f.n == n && f.phase == phase && f.count == count && f.ws == ws;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(n) * 31 + phase * 7 + count * 3 + ws;
        }
    }

    /**
     * A string after its opening quote: {@code length} characters written, in the middle of an
     * escape or a UTF-8 sequence when {@code mode} says so ({@code pending} bytes to come, the next
     * within [lo, hi]). A key of an object with undeclared properties keeps its text in
     * {@code key} and its object in {@code owner}.
     */
    record StringFrame(int min, int max, int length, int mode, int pending, int lo, int hi, byte @Nullable [] key,
            @Nullable ObjectFrame owner) implements Frame {
        static final int NORMAL = 0;
        static final int ESCAPE = 1;
        static final int HEX = 2;
        static final int UTF8 = 3;

        static StringFrame value(int min, int max) {
            return new StringFrame(min, max, 0, NORMAL, 0, 0x80, 0xBF, null, null);
        }

        @Override
        public void step(int b, @Nullable Config parent, List<Config> out) {
            StringFrame next = next(b);
            if (next == this) {
                out.add(new Config(key == null ? Complete.INSTANCE
                        : new ClosedKey(new String(key, StandardCharsets.UTF_8), owner.keyTail(key)), parent));
            } else if (next != null) {
                out.add(new Config(next, parent));
            }
        }

        /** @return the frame after {@code b}, this frame itself for the closing quote, or null */
        private @Nullable StringFrame next(int b) {
            switch (mode) {
                case ESCAPE -> {
                    if (b == 'u') {
                        return with(length, HEX, 4, '0', 'f');
                    }
                    return "\"\\/bfnrt".indexOf(b) >= 0 ? with(length, NORMAL, 0, 0x80, 0xBF) : null;
                }
                case HEX -> {
                    boolean hex = b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
                    int lower = b >= 'A' && b <= 'F' ? b + 32 : b;
                    if (!hex || lower < lo || lower > hi) {
                        return null;
                    }
                    // \\uD800-\\uDFFF are surrogates, not characters: after a 'd' the next digit is 0-7.
                    boolean d = pending == 4 && lower == 'd';
                    return pending == 1 ? with(length, NORMAL, 0, 0x80, 0xBF)
                            : with(length, HEX, pending - 1, '0', d ? '7' : 'f');
                }
                case UTF8 -> {
                    if (b < lo || b > hi) {
                        return null;
                    }
                    return pending == 1 ? with(length, NORMAL, 0, 0x80, 0xBF, b) : with(length, UTF8, pending - 1, 0x80, 0xBF, b);
                }
                default -> {
                    if (b == '"') {
                        return length >= min ? this : null;
                    }
                    if (b < 0x20 || length >= max || b == '\\' && key != null) {
                        return null;
                    }
                    if (b == '\\') {
                        return with(length + 1, ESCAPE, 1, 0, 0);
                    }
                    if (b < 0x80) {
                        return with(length + 1, NORMAL, 0, 0x80, 0xBF, b);
                    }
                    if (b >= 0xC2 && b <= 0xDF) {
                        return with(length + 1, UTF8, 1, 0x80, 0xBF, b);
                    }
                    if (b >= 0xE0 && b <= 0xEF) {
                        return with(length + 1, UTF8, 2, b == 0xE0 ? 0xA0 : 0x80, b == 0xED ? 0x9F : 0xBF, b);
                    }
                    if (b >= 0xF0 && b <= 0xF4) {
                        return with(length + 1, UTF8, 3, b == 0xF0 ? 0x90 : 0x80, b == 0xF4 ? 0x8F : 0xBF, b);
                    }
                    return null;
                }
            }
        }

        private StringFrame with(int len, int m, int p, int l, int h) {
            return new StringFrame(min, max, len, m, p, l, h, key, owner);
        }

        private StringFrame with(int len, int m, int p, int l, int h, int b) {
            byte[] k = key;
            if (k != null) {
                k = Arrays.copyOf(key, key.length + 1);
                k[key.length] = (byte) b;
            }
            return new StringFrame(min, max, len, m, p, l, h, k, owner);
        }

        @Override
        public int minClose() {
            int rest = mode == NORMAL ? 0 : pending;
            return rest + Math.max(0, min - length) + 1 + (owner == null ? 0 : owner.keyTail(key));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StringFrame f && f.length == length && f.mode == mode && f.pending == pending && f.lo == lo
                    && f.hi == hi && f.min == min && f.max == max && Arrays.equals(f.key, key) && f.owner == owner;
        }

        @Override
        public int hashCode() {
            return length * 31 + mode * 7 + pending;
        }
    }
}
