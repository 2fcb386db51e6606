package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error and leaves the store as it was. */
class BadInputTest {
    static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z");
    @TempDir
    Path dir;

    static MemoryRecord rec(String id, String text) {
        return new MemoryRecord(id, MemoryLayer.LONG_TERM, text, NOW, 0.5, Map.of());
    }

    @Test
    void emptyTextIsRejectedBeforeItReachesTheStore() {
        assertThatThrownBy(() -> rec("e", "   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memory text must not be blank");
    }

    @Test
    void hugeTextIsChunkedAndFoundByWordsAnywhereInIt() {
        StringBuilder text = new StringBuilder("Meeting minutes. ");
        for (int i = 0; i < 3_000; i++) {
            text.append("Item ").append(i).append(" was discussed at length. ");
        }
        text.append("Finally the zeppelin budget was approved.");
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            m.remember(rec("big", text.toString()));
            m.remember(rec("small", "Unrelated note about lunch"));
            var hits = m.recall(MemoryQuery.of("zeppelin budget", 1));
            assertThat(hits).hasSize(1);
            assertThat(hits.get(0).record().text()).isEqualTo(text.toString());
            assertThat(m.size()).isEqualTo(2);
            assertThat(m.forget("big")).isTrue();
            assertThat(m.recall(MemoryQuery.of("zeppelin", 5))).extracting(h -> h.record().id()).containsOnly("small");
        }
    }

    @Test
    void textOverTheLimitIsRejectedWithTheLimit() {
        try (LuceneMemory m = LuceneMemory.builder(dir).maxTextChars(5_000).build()) {
            assertThatThrownBy(() -> m.remember(rec("x", "a".repeat(5_001)))).isInstanceOf(AiOsException.class)
                    .hasMessageContaining("5001 characters, over the limit of 5000");
        }
    }

    @Test
    void invalidUnicodeIsRejectedAndNothingOfTheBatchIsStored() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            m.remember(rec("before", "A valid memory"));
            List<MemoryRecord> batch = List.of(rec("ok", "Also valid"), rec("bad", "broken \uD800 surrogate"));
            assertThatThrownBy(() -> m.rememberAll(batch)).isInstanceOf(AiOsException.class)
                    .hasMessageContaining("not valid Unicode").hasMessageContaining("U+D800 at index 7");
            assertThatThrownBy(() -> m.remember(new MemoryRecord("meta", MemoryLayer.SESSION, "fine", NOW, 0.5,
                    Map.of("speaker", "\uDC00x")))).hasMessageContaining("metadata 'speaker'");
            assertThatThrownBy(() -> m.recall(MemoryQuery.of("q \uDBFF", 3))).hasMessageContaining("query text");
            assertThat(m.size()).isEqualTo(1);
            assertThat(m.recall(MemoryQuery.of("valid memory", 5))).extracting(h -> h.record().id()).containsExactly("before");
        }
    }

    @Test
    void nanVectorsAndWrongDimensionsAreRejected() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            LuceneEmbeddingStore store = LuceneEmbeddingStore.over(m);
            float[] nan = new float[384];
            Arrays.fill(nan, 0.1f);
            nan[17] = Float.NaN;
            assertThatThrownBy(() -> store.add(Embedding.from(nan), TextSegment.from("x")))
                    .isInstanceOf(AiOsException.class).hasMessageContaining("NaN at dimension 17");
            assertThatThrownBy(() -> store.add(Embedding.from(new float[12]))).hasMessageContaining("has 12 dimensions")
                    .hasMessageContaining("384-dimensional");
            assertThatThrownBy(() -> store.add(Embedding.from(new float[384]))).hasMessageContaining("all zeros");
            assertThat(store.search(dev.langchain4j.store.embedding.EmbeddingSearchRequest.builder()
                    .queryEmbedding(m.embedder().embed("x").content()).maxResults(5).build()).matches()).isEmpty();
        }
    }

    @Test
    void aCorruptIndexGivesAClearErrorAndIsLeftUntouched() throws IOException {
        Path other = dir.resolve("other");
        Path broken = dir.resolve("broken");
        try (LuceneMemory a = LuceneMemory.open(other); LuceneMemory b = LuceneMemory.open(broken)) {
            a.remember(rec("a1", "Safe in another store"));
            b.remember(rec("b1", "Will be damaged"));
        }
        Path segments;
        try (Stream<Path> files = Files.list(broken)) {
            segments = files.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segments);
        for (int i = 8; i < bytes.length - 20; i++) {
            bytes[i] ^= 0x5A;
        }
        Files.write(segments, bytes);
        List<String> before = listing(broken);

        assertThatThrownBy(() -> LuceneMemory.open(broken)).isInstanceOf(AiOsException.class)
                .hasMessageContaining("is corrupt or unreadable").hasMessageContaining("left untouched")
                .satisfies(e -> assertThat(((AiOsException) e).isRetriable()).isFalse());
        assertThat(listing(broken)).isEqualTo(before);
        assertThat(Files.readAllBytes(segments)).isEqualTo(bytes);
        try (LuceneMemory a = LuceneMemory.open(other)) {
            assertThat(a.recall(MemoryQuery.of("another store", 1))).extracting(h -> h.record().id()).containsExactly("a1");
        }
    }

    @Test
    void aStoreBuiltWithOtherDimensionsIsRefused() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            m.remember(rec("a", "Some memory"));
        }
        var small = new dev.langchain4j.model.embedding.EmbeddingModel() {
            @Override
            public dev.langchain4j.model.output.Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return dev.langchain4j.model.output.Response.from(segments.stream().map(s -> Embedding.from(new float[] {1, 0})).toList());
            }

            @Override
            public int dimension() {
                return 2;
            }
        };
        assertThatThrownBy(() -> LuceneMemory.builder(dir).embedder(small).build()).isInstanceOf(AiOsException.class)
                .hasMessageContaining("holds 384-dimensional vectors but the embedding model gives 2");
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            assertThat(m.size()).isEqualTo(1);
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
