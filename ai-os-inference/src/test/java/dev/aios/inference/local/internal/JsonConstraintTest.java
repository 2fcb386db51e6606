package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonConstraintTest {
    private static final int EOS = 0;

    /** A vocabulary with every byte, JSON fragments, words, escapes and split UTF-8 characters. */
    private static TokenVocabulary vocabulary() {
        List<byte[]> tokens = new ArrayList<>();
        tokens.add(null); // EOS: special, no bytes
        for (int b = 0; b < 256; b++) {
            tokens.add(new byte[] {(byte) b});
        }
        for (String s : List.of("{\"", "\":", "\",", "\"}", "},", "true", "null", " the", "ing", "abc", "\\n", "\\\"", "\"]",
                "[\"", "12", ".5", "e-", " \"", "\"\"", "celsius", "\"celsius\"", "日本", "é", "a\"b", "\"x\":1}", "  ", "\n")) {
            tokens.add(s.getBytes(StandardCharsets.UTF_8));
        }
        byte[] nihon = "日".getBytes(StandardCharsets.UTF_8);
        tokens.add(new byte[] {nihon[0], nihon[1]});
        tokens.add(new byte[] {nihon[2], 'x'});
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] t = new byte[1 + random.nextInt(6)];
            for (int j = 0; j < t.length; j++) {
                t[j] = (byte) (random.nextInt(10) == 0 ? "\"{}[],:\\".charAt(random.nextInt(8)) : 'a' + random.nextInt(26));
            }
            tokens.add(t);
        }
        return TokenVocabulary.of(tokens.toArray(byte[][]::new));
    }

    @Test
    void theStringFastPathMasksExactlyAsTheTrieWalk() {
        TokenVocabulary v = vocabulary();
        Random random = new Random(5);
        for (String schema : List.of(JsonGrammarTest.ARGUMENTS, "{\"type\":\"object\"}",
                "{\"type\":\"array\",\"items\":{\"anyOf\":[{\"type\":\"string\",\"minLength\":2},"
                        + "{\"type\":\"string\",\"maxLength\":4}]}}")) {
            for (int run = 0; run < 20; run++) {
                JsonConstraint fast = new JsonConstraint(schema, v, Set.of(EOS));
                JsonConstraint walked = new JsonConstraint(schema, v, Set.of(EOS));
                walked.fastStrings = false;
                for (int step = 0; step < 60 && !fast.finished(); step++) {
                    float[] a = new float[v.size()];
                    float[] b = new float[v.size()];
                    int budget = 80 - step;
                    fast.mask(a, budget, false);
                    walked.mask(b, budget, false);
                    assertThat(a).as(schema + " step " + step).isEqualTo(b);
                    List<Integer> allowed = new ArrayList<>();
                    for (int i = 0; i < a.length; i++) {
                        if (a[i] == 0) {
                            allowed.add(i);
                        }
                    }
                    int token = allowed.get(random.nextInt(allowed.size()));
                    if (token == EOS) {
                        break;
                    }
                    fast.accept(token);
                    walked.accept(token);
                }
            }
        }
    }

    @Test
    void endTokensOnlyWhenTheDocumentIsWholeAndAForbiddenTokenIsRefused() {
        TokenVocabulary v = vocabulary();
        JsonConstraint c = new JsonConstraint("{\"type\":\"integer\"}", v, Set.of(EOS));
        float[] logits = new float[v.size()];
        c.mask(logits, 10, false);
        assertThat(logits[EOS]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[1 + '7']).isZero();
        assertThat(logits[1 + '"']).isEqualTo(Float.NEGATIVE_INFINITY);
        c.accept(1 + '7');
        Arrays.fill(logits, 0);
        c.mask(logits, 10, false);
        assertThat(logits[EOS]).isZero(); // 7 is whole, 70 would be too
        assertThat(logits[1 + '0']).isZero();
        assertThatThrownBy(() -> c.accept(1 + 'x')).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void greedyChecksTheBestTokensAndLeavesTheFirstThatFitsOnTop() {
        TokenVocabulary v = vocabulary();
        JsonConstraint c = new JsonConstraint("{\"type\":\"boolean\"}", v, Set.of(EOS));
        float[] logits = new float[v.size()];
        logits[1 + 'x'] = 9; // not JSON
        logits[1 + 'n'] = 8; // null is not a boolean
        logits[1 + 'f'] = 7;
        c.mask(logits, 10, true);
        assertThat(Sampler.argmax(logits)).isEqualTo(1 + 'f');
        assertThat(logits[1 + 't']).isZero(); // the rest is left alone
    }
}
