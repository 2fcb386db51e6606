package dev.aios.memory;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
import dev.aios.memory.internal.DocumentCodec;
import dev.aios.memory.internal.Entry;
import dev.aios.memory.internal.IndexSchema;
import dev.aios.memory.internal.TextChecks;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link EmbeddingStore} over a {@link LuceneMemory}, so a LangChain4j application
 * (an {@code EmbeddingStoreContentRetriever}, an ingestor) can keep its embeddings in the same
 * durable store as the agent's memory. Entries live in a named collection, apart from the agent's
 * memories. Metadata values are stored as strings. Filters supported: {@code IsEqualTo},
 * {@code IsNotEqualTo}, {@code IsIn}, {@code And}, {@code Or}, {@code Not}; scores are LangChain4j
 * relevance scores ({@code (1 + cosine) / 2}).
 */
public final class LuceneEmbeddingStore implements EmbeddingStore<TextSegment> {
    private static final String COLLECTION_KEY = "collection";

    private final LuceneMemory memory;
    private final String collection;

    private LuceneEmbeddingStore(LuceneMemory memory, String collection) {
        this.memory = Objects.requireNonNull(memory, "memory must not be null");
        this.collection = TextChecks.validUnicode(Objects.requireNonNull(collection, "collection must not be null"), "collection");
    }

    /** @return a store over the collection {@code default} of {@code memory} */
    public static LuceneEmbeddingStore over(LuceneMemory memory) {
        return over(memory, "default");
    }

    /** @return a store over collection {@code collection} of {@code memory}; closing it is the memory's job */
    public static LuceneEmbeddingStore over(LuceneMemory memory, String collection) {
        return new LuceneEmbeddingStore(memory, collection);
    }

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        add(id, embedding);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), List.of(segment));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, @Nullable List<TextSegment> segments) {
        if (ids.size() != embeddings.size() || (segments != null && segments.size() != embeddings.size())) {
            throw AiOsException.permanent("addAll got " + ids.size() + " ids, " + embeddings.size() + " embeddings and "
                    + (segments == null ? "no" : segments.size()) + " segments; pass one of each per entry");
        }
        Instant now = memory.now();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = TextChecks.validUnicode(Objects.requireNonNull(ids.get(i), "ids contains null"), "embedding id");
            float[] v = memory.checkVector(embeddings.get(i).vector(), "embedding " + id);
            TextSegment seg = segments == null ? null : segments.get(i);
            String text = seg == null ? "" : TextChecks.validUnicode(seg.text(), "text of embedding " + id);
            Map<String, String> meta = new LinkedHashMap<>();
            if (seg != null) {
                seg.metadata().toMap().forEach((k, val) -> meta.put(k, TextChecks.validUnicode(String.valueOf(val),
                        "metadata '" + k + "' of embedding " + id)));
            }
            meta.put(COLLECTION_KEY, collection);
            entries.add(new Entry(key(id), IndexSchema.KIND_EMBEDDING, MemoryLayer.LONG_TERM, text, now, 0.5, Map.copyOf(meta),
                    text.isEmpty() ? List.of() : List.of(text), List.of(v), 0, "", ""));
        }
        memory.writeRaw(entries);
    }

    @Override
    public void remove(String id) {
        removeAll(List.of(id));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String id : ids) {
            any.add(new TermQuery(new Term(IndexSchema.RECORD_ID, key(id))), BooleanClause.Occur.SHOULD);
        }
        memory.deleteRaw(inCollection(any.build()));
    }

    @Override
    public void removeAll(Filter filter) {
        memory.deleteRaw(inCollection(toQuery(Objects.requireNonNull(filter, "filter must not be null"))));
    }

    @Override
    public void removeAll() {
        memory.deleteRaw(inCollection(new MatchAllDocsQuery()));
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] q = memory.checkVector(request.queryEmbedding().vector(), "query embedding");
        Query filter = inCollection(request.filter() == null ? new MatchAllDocsQuery() : toQuery(request.filter()));
        int k = request.maxResults();
        return memory.withSearcher(s -> {
            List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
            for (ScoreDoc sd : s.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, q, k, filter), k).scoreDocs) {
                if (sd.score < request.minScore()) {
                    continue;
                }
                Document d = s.storedFields().document(sd.doc);
                Entry e = DocumentCodec.readShallow(d);
                BytesRef bytes = d.getBinaryValue(IndexSchema.VECTOR_BYTES);
                Map<String, String> meta = new LinkedHashMap<>(e.metadata());
                meta.remove(COLLECTION_KEY);
                TextSegment segment = e.text().isEmpty() ? null : TextSegment.from(e.text(), Metadata.from(meta));
                matches.add(new EmbeddingMatch<>((double) sd.score, e.id().substring(prefix().length()),
                        Embedding.from(DocumentCodec.fromBytes(bytes)), segment));
            }
            return new EmbeddingSearchResult<>(matches);
        });
    }

    private String prefix() {
        return "lc4j:" + collection + ":";
    }

    private String key(String id) {
        return prefix() + id;
    }

    private Query inCollection(Query q) {
        return new BooleanQuery.Builder()
                .add(q, BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_EMBEDDING)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.meta(COLLECTION_KEY), collection)), BooleanClause.Occur.FILTER)
                .build();
    }

    private static Query toQuery(Filter f) {
        if (f instanceof IsEqualTo eq) {
            return new TermQuery(new Term(IndexSchema.meta(eq.key()), String.valueOf(eq.comparisonValue())));
        }
        if (f instanceof IsNotEqualTo ne) {
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.meta(ne.key()), String.valueOf(ne.comparisonValue()))),
                            BooleanClause.Occur.MUST_NOT).build();
        }
        if (f instanceof IsIn in) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Object v : in.comparisonValues()) {
                any.add(new TermQuery(new Term(IndexSchema.meta(in.key()), String.valueOf(v))), BooleanClause.Occur.SHOULD);
            }
            return any.build();
        }
        if (f instanceof And and) {
            return new BooleanQuery.Builder().add(toQuery(and.left()), BooleanClause.Occur.FILTER)
                    .add(toQuery(and.right()), BooleanClause.Occur.FILTER).build();
        }
        if (f instanceof Or or) {
            return new BooleanQuery.Builder().add(toQuery(or.left()), BooleanClause.Occur.SHOULD)
                    .add(toQuery(or.right()), BooleanClause.Occur.SHOULD).build();
        }
        if (f instanceof Not not) {
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(toQuery(not.expression()), BooleanClause.Occur.MUST_NOT).build();
        }
        throw AiOsException.permanent("filter " + f.getClass().getSimpleName() + " is not supported by LuceneEmbeddingStore "
                + "(metadata is stored as strings); use IsEqualTo, IsNotEqualTo, IsIn, And, Or or Not");
    }
}
