package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.text.Vectors;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional bge-small-en-v1.5 model, as a store's embedder on a real index. */
class EmbeddersTest {
    @TempDir
    Path dir;

    @Test
    void bgeSmallIsSharedAndPlacesRelatedTextsCloser() {
        EmbeddingModel bge = Embedders.bgeSmallEnV15();
        assertThat(Embedders.bgeSmallEnV15()).isSameAs(bge);
        assertThat(bge.dimension()).isEqualTo(384);
        float[] dog = bge.embed("my dog loves to fetch sticks").content().vector();
        float[] puppy = bge.embed("the puppy plays with a ball").content().vector();
        float[] invoice = bge.embed("the quarterly invoice is overdue").content().vector();
        assertThat(Vectors.cosine(dog, puppy)).isGreaterThan(Vectors.cosine(dog, invoice));
    }

    @Test
    void aStoreRecallsByMeaningWithBgeSmall() {
        try (LuceneMemory m = LuceneMemory.builder(dir).embedder(Embedders.bgeSmallEnV15()).build()) {
            m.rememberAll(List.of(
                    new MemoryRecord("a", MemoryLayer.LONG_TERM, "The user is allergic to peanuts", Instant.EPOCH, 0.5, Map.of()),
                    new MemoryRecord("b", MemoryLayer.LONG_TERM, "The invoice for ACME is due on Friday", Instant.EPOCH, 0.5,
                            Map.of())));
            List<MemoryHit> hits = m.recall(RecallRequest.builder("food intolerance to nuts").k(1)
                    .mode(RetrievalMode.VECTOR).build());
            assertThat(hits).extracting(h -> h.record().id()).containsExactly("a");
        }
    }
}
