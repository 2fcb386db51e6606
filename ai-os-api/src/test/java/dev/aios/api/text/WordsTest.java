package dev.aios.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void cutsAtEverythingButLettersAndDigitsAndLowerCases() {
        assertThat(Words.of("Send the Q3-report to ANNA@example.com, ok?"))
                .containsExactly("send", "the", "q3", "report", "to", "anna", "example", "com", "ok");
    }

    @Test
    void keepsNonLatinLettersAndDropsShortWords() {
        assertThat(Words.of("Überweisung für Müller, 東京 a", 2)).containsExactly("überweisung", "für", "müller", "東京");
        assertThat(Words.distinct("a a bb bb ccc", 2)).containsExactlyInAnyOrder("bb", "ccc");
    }

    @Test
    void rejectsAMinimumBelowOne() {
        assertThatThrownBy(() -> Words.of("x", 0)).hasMessageContaining("minLength");
    }

    @Test
    void cosineOfParallelOrthogonalAndZeroVectors() {
        assertThat(Vectors.cosine(new float[] {1, 2}, new float[] {2, 4})).isCloseTo(1.0, within(1e-9));
        assertThat(Vectors.cosine(new float[] {1, 0}, new float[] {0, 3})).isCloseTo(0.0, within(1e-9));
        assertThat(Vectors.cosine(new float[] {0, 0}, new float[] {1, 1})).isZero();
        assertThat(Vectors.normalizeInPlace(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
        assertThatThrownBy(() -> Vectors.dot(new float[1], new float[2])).hasMessageContaining("different lengths");
    }
}
