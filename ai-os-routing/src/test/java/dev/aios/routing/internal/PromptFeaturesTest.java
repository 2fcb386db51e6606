package dev.aios.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PromptFeaturesTest {
    private static final String[] VERBS = {"prove", "solve", "calculate", "compute", "derive", "step by step",
        "implement", "write a function", "write a program", "how many", "evaluate"};

    /** The cue as first written: each verb tried at every position of the head, ignoring case. */
    private static boolean everyVerbAtEveryPosition(CharSequence text) {
        for (String word : VERBS) {
            int n = Math.min(text.length(), 400) - word.length();
            outer:
            for (int i = 0; i <= n; i++) {
                for (int j = 0; j < word.length(); j++) {
                    if (Character.toLowerCase(text.charAt(i + j)) != word.charAt(j)) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    @Test
    void theReasoningCueFindsAVerbInAnyCaseWithinTheHeadOnly() {
        assertThat(PromptFeatures.reasoning("Please PROVE that 2 is prime")).isTrue();
        assertThat(PromptFeatures.reasoning("Write A Function that sorts")).isTrue();
        assertThat(PromptFeatures.reasoning("Say hello to my team")).isFalse();
        assertThat(PromptFeatures.reasoning("x".repeat(396) + "solve")).as("runs past the head").isFalse();
        assertThat(PromptFeatures.reasoning("x".repeat(395) + "solve")).as("ends at the head's end").isTrue();
        assertThat(PromptFeatures.reasoning("\u0130mplement it")).as("lower-cases as Character does").isTrue();
    }

    @Test
    void theOnePassScanAgreesWithTryingEveryVerbAtEveryPosition() {
        Random random = new Random(7);
        String alphabet = "aAbcCdDeEfhHiImMnNoOpPrRsStTuUvVwWy \u0130\u00e9";
        for (int k = 0; k < 20_000; k++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(420);
            while (text.length() < length) {
                if (random.nextInt(12) == 0) {
                    String verb = VERBS[random.nextInt(VERBS.length)];
                    text.append(random.nextBoolean() ? verb : verb.toUpperCase(java.util.Locale.ROOT));
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            assertThat(PromptFeatures.reasoning(text)).as("'%s'", text).isEqualTo(everyVerbAtEveryPosition(text));
        }
    }
}
