package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LangChain4j EmbeddingStore and ChatMemoryStore over the store. */
class LangChain4jAdaptersTest {
    @TempDir
    Path dir;

    @Test
    void embeddingStoreAddsSearchesFiltersAndRemoves() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            EmbeddingModel model = m.embedder();
            LuceneEmbeddingStore store = LuceneEmbeddingStore.over(m, "docs");
            List<TextSegment> segments = List.of(
                    TextSegment.from("Invoices are paid within 30 days", Metadata.from(Map.of("dept", "finance"))),
                    TextSegment.from("The VPN needs a hardware token", Metadata.from(Map.of("dept", "it"))),
                    TextSegment.from("Expense reports go to finance by the 5th", Metadata.from(Map.of("dept", "finance"))));
            List<Embedding> embeddings = model.embedAll(segments).content();
            List<String> ids = store.addAll(embeddings, segments);
            assertThat(ids).hasSize(3).doesNotHaveDuplicates();

            Embedding q = model.embed("when do we pay bills").content();
            List<EmbeddingMatch<TextSegment>> all = store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(3).build()).matches();
            assertThat(all.get(0).embedded().text()).isEqualTo("Invoices are paid within 30 days");
            assertThat(all.get(0).embeddingId()).isEqualTo(ids.get(0));
            assertThat(all.get(0).embedded().metadata().getString("dept")).isEqualTo("finance");
            assertThat(all.get(0).score()).isBetween(0.5, 1.0);
            assertThat(all.get(0).embedding().vector()).hasSize(384);

            var it = store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(3)
                    .filter(MetadataFilterBuilder.metadataKey("dept").isEqualTo("it")).build()).matches();
            assertThat(it).extracting(mt -> mt.embedded().text()).containsExactly("The VPN needs a hardware token");
            assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(3).minScore(0.99).build())
                    .matches()).isEmpty();
            assertThatThrownBy(() -> store.search(EmbeddingSearchRequest.builder().queryEmbedding(q)
                    .filter(new IsGreaterThan("dept", 3)).build())).isInstanceOf(AiOsException.class)
                    .hasMessageContaining("IsGreaterThan is not supported");

            // the store's entries are not the agent's memories, and another collection is separate
            assertThat(m.recall(MemoryQuery.of("invoices paid", 5))).isEmpty();
            assertThat(LuceneEmbeddingStore.over(m, "other").search(EmbeddingSearchRequest.builder().queryEmbedding(q)
                    .build()).matches()).isEmpty();

            store.remove(ids.get(0));
            store.removeAll(MetadataFilterBuilder.metadataKey("dept").isEqualTo("it"));
            assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(5).build()).matches())
                    .extracting(mt -> mt.embeddingId()).containsExactly(ids.get(2));
            String bare = store.add(model.embed("just a vector").content());
            assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(model.embed("just a vector").content())
                    .maxResults(1).build()).matches().get(0)).satisfies(mt -> {
                        assertThat(mt.embeddingId()).isEqualTo(bare);
                        assertThat(mt.embedded()).isNull();
                    });
            store.removeAll();
            assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).build()).matches()).isEmpty();
        }
    }

    @Test
    void chatMemoryStoreKeepsTheWindowExactlyAndTheTurnsAsSessionMemories() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            LuceneChatMemoryStore store = LuceneChatMemoryStore.over(m);
            MessageWindowChatMemory chat = MessageWindowChatMemory.builder().id("u42").maxMessages(3).chatMemoryStore(store).build();
            chat.add(SystemMessage.from("You are helpful"));
            chat.add(UserMessage.from("My flight to Oslo leaves at 7am on Tuesday"));
            chat.add(AiMessage.from("Noted, I will remind you on Monday evening"));
            chat.add(UserMessage.from("Also book a taxi"));
            List<ChatMessage> window = store.getMessages("u42");
            assertThat(window).hasSize(3);
            assertThat(window.get(0)).isInstanceOf(SystemMessage.class);
            assertThat(window.get(2)).isEqualTo(UserMessage.from("Also book a taxi"));
        }
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            LuceneChatMemoryStore store = LuceneChatMemoryStore.over(m);
            assertThat(store.getMessages("u42")).hasSize(3);
            // the flight left the window but not the memory
            var hits = m.recall(new MemoryQuery("when does the flight to Oslo leave", 1, Set.of(MemoryLayer.SESSION),
                    Map.of("session", LuceneChatMemoryStore.sessionOf("u42"))));
            assertThat(hits.get(0).record().text()).isEqualTo("My flight to Oslo leaves at 7am on Tuesday");
            assertThat(hits.get(0).record().metadata()).containsEntry("speaker", "user");
            assertThat(m.size()).as("each message remembered once").isEqualTo(3);
            store.deleteMessages("u42");
            assertThat(store.getMessages("u42")).isEmpty();
            assertThat(m.size()).isZero();
            assertThat(store.getMessages("never")).isEmpty();
        }
    }
}
