package dev.aios.api.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorsTest {

    @Test
    void theFloatDotProductAgreesWithTheDoubleOneAtAnyLength() {
        Random random = new Random(3);
        for (int length : new int[] {0, 1, 3, 4, 5, 384, 385}) {
            float[] a = new float[length];
            float[] b = new float[length];
            for (int i = 0; i < length; i++) {
                a[i] = (float) random.nextGaussian();
                b[i] = (float) random.nextGaussian();
            }
            assertThat((double) Vectors.dotInFloat(a, b)).as("length %d", length).isCloseTo(Vectors.dot(a, b),
                    within(1e-4 * Math.max(1, length)));
        }
    }

    @Test
    void vectorsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> Vectors.dotInFloat(new float[3], new float[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
