package dev.aios.inference.local;

import static dev.aios.inference.local.LlamaEngineTest.assertClose;
import static dev.aios.inference.local.LlamaEngineTest.randomTokens;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.aios.inference.local.internal.LlamaEngine;
import dev.aios.inference.local.internal.LlamaWeights;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config's {@code sliding_window} (Mistral-style: key j is visible to query i iff
 * {@code i - window < j <= i}) applied by the engine on every path, against the plain-Java
 * reference, over sequences several windows long.
 */
class SlidingWindowTest {
    private static final int WINDOW = 4;
    private static final float TOLERANCE = 2e-3f;

    @TempDir
    Path dir;

    /** A random checkpoint whose config.json declares {@code sliding_window}. */
    private Path windowed(String name, long seed) throws IOException {
        Path folder = RandomCheckpoint.builder().seed(seed).layers(2).weightScale(0.1).writeTo(dir.resolve(name));
        Path config = folder.resolve("config.json");
        String json = Files.readString(config, StandardCharsets.UTF_8).strip();
        assertThat(json).startsWith("{").doesNotContain("sliding_window");
        Files.writeString(config, "{\"sliding_window\": " + WINDOW + ", " + json.substring(1), StandardCharsets.UTF_8);
        return folder;
    }

    @Test
    void theWindowChangesTheReferenceOnlyPastItsLength() throws IOException {
        Path folder = windowed("m", 21);
        int[] tokens = randomTokens(12, 3);
        try (ModelFolder windowed = ModelFolder.open(folder)) {
            assertThat(windowed.config().slidingWindow()).isEqualTo(WINDOW);
            float[][] withWindow = new ReferenceLlama(windowed).logits(tokens);
            Path plain = RandomCheckpoint.builder().seed(21).layers(2).weightScale(0.1).writeTo(dir.resolve("plain"));
            try (ModelFolder full = ModelFolder.open(plain)) {
                float[][] without = new ReferenceLlama(full).logits(tokens);
                for (int t = 0; t < WINDOW; t++) {
                    assertThat(withWindow[t]).as("position %d sees its whole prefix", t).isEqualTo(without[t]);
                }
                assertThat(withWindow[tokens.length - 1]).isNotEqualTo(without[tokens.length - 1]);
            }
            // Each of the 2 layers looks WINDOW - 1 positions back: position 11 no longer depends
            // on tokens 0 and 1 (11 - 2 * 3 = 5), while position 5 still does.
            int[] changedHead = tokens.clone();
            changedHead[0] = 99;
            changedHead[1] = 98;
            float[][] other = new ReferenceLlama(windowed).logits(changedHead);
            assertThat(other[tokens.length - 1]).isEqualTo(withWindow[tokens.length - 1]);
            assertThat(other[5]).isNotEqualTo(withWindow[5]);
        }
    }

    @Test
    void prefillMatchesTheReferenceOnEveryPosition() throws IOException {
        Path folder = windowed("prefill", 22);
        int[] tokens = randomTokens(20, 5);
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 1, 64)) {
            float[][] expected = new ReferenceLlama(mf).logits(tokens);
            float[][] actual = engine.prefill(0, tokens, true);
            for (int t = 0; t < tokens.length; t++) {
                assertClose(actual[t], expected[t], TOLERANCE);
            }
        }
    }

    @Test
    void decodeAndChunkedPrefillMatchTheReference() throws IOException {
        Path folder = windowed("decode", 23);
        int[] tokens = randomTokens(24, 7);
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 2, 64)) {
            float[][] expected = new ReferenceLlama(mf).logits(tokens);
            // Decode one token at a time past the window, after a 3-token prefill.
            engine.prefill(0, Arrays.copyOf(tokens, 3), false);
            for (int t = 3; t < tokens.length; t++) {
                assertClose(engine.decode(new int[] {0}, new int[] {tokens[t]})[0], expected[t], TOLERANCE);
            }
            // Chunks of 5, 1 and 9 tokens: each starts inside or past the previous chunk's window.
            engine.prefill(1, Arrays.copyOfRange(tokens, 0, 5), false);
            assertClose(engine.prefill(1, Arrays.copyOfRange(tokens, 5, 6), false)[0], expected[5], TOLERANCE);
            float[][] chunk = engine.prefill(1, Arrays.copyOfRange(tokens, 6, 15), true);
            for (int t = 6; t < 15; t++) {
                assertClose(chunk[t - 6], expected[t], TOLERANCE);
            }
        }
    }

    @Test
    void batchedDecodeOfSequencesAtDifferentPositionsMatchesTheReference() throws IOException {
        Path folder = windowed("batch", 24);
        int[][] sequences = {randomTokens(16, 1), randomTokens(16, 2), randomTokens(16, 3)};
        int[] promptLengths = {2, 7, 4};
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 4, 64)) {
            ReferenceLlama reference = new ReferenceLlama(mf);
            float[][][] expected = new float[sequences.length][][];
            // Slots 3, 0, 2: not contiguous, so the cache is read through the gather path.
            int[] slots = {3, 0, 2};
            for (int s = 0; s < sequences.length; s++) {
                expected[s] = reference.logits(sequences[s]);
                engine.prefill(slots[s], Arrays.copyOf(sequences[s], promptLengths[s]), false);
            }
            for (int step = 0; step < 8; step++) {
                int[] next = new int[sequences.length];
                for (int s = 0; s < sequences.length; s++) {
                    next[s] = sequences[s][promptLengths[s] + step];
                }
                float[][] logits = engine.decode(slots, next);
                for (int s = 0; s < sequences.length; s++) {
                    assertClose(logits[s], expected[s][promptLengths[s] + step], TOLERANCE);
                }
            }
            // The contiguous path (slots 0..n-1) as well.
            for (int slot : slots) {
                engine.release(slot);
            }
            int[] contiguous = {0, 1, 2};
            for (int s = 0; s < sequences.length; s++) {
                engine.prefill(s, Arrays.copyOf(sequences[s], promptLengths[s]), false);
            }
            for (int step = 0; step < 8; step++) {
                int[] next = new int[sequences.length];
                for (int s = 0; s < sequences.length; s++) {
                    next[s] = sequences[s][promptLengths[s] + step];
                }
                float[][] logits = engine.decode(contiguous, next);
                for (int s = 0; s < sequences.length; s++) {
                    assertClose(logits[s], expected[s][promptLengths[s] + step], TOLERANCE);
                }
            }
        }
    }

    @Test
    void aModelPrefillingInSmallChunksGeneratesTheReferencesGreedyTokens() throws IOException {
        Path folder = windowed("model", 25);
        int[] prompt = randomTokens(11, 9);
        int steps = 8;
        // The reference's greedy continuation, recomputing the whole sequence per token.
        int[] sequence = Arrays.copyOf(prompt, prompt.length + steps);
        try (ModelFolder mf = ModelFolder.open(folder)) {
            ReferenceLlama reference = new ReferenceLlama(mf);
            for (int t = prompt.length; t < sequence.length; t++) {
                float[][] logits = reference.logits(Arrays.copyOf(sequence, t));
                sequence[t] = argmax(logits[t - 1]);
            }
        }
        GenerationOptions greedy = GenerationOptions.builder().maxTokens(steps).greedy().ignoreEos(true).build();
        try (LocalModel model = LocalModel.builder(folder).maxBatch(2).maxSequenceLength(64).prefillChunk(3).build()) {
            assertThat(model.generate(prompt, greedy).tokens())
                    .isEqualTo(Arrays.copyOfRange(sequence, prompt.length, sequence.length));
        }
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
