package dev.aios.memory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * The codec between an {@link Entry} and its Lucene documents: one document per chunk, laid out as
 * {@link IndexSchema} names, and the stored fields read back into an entry. Holds the module's one
 * {@link ObjectMapper}, which stores metadata as sorted JSON.
 */
public final class DocumentCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final Set<String> searchableMetadata;

    /** @param searchableMetadata metadata keys whose values are also indexed as words */
    public DocumentCodec(Set<String> searchableMetadata) {
        this.searchableMetadata = Set.copyOf(searchableMetadata);
    }

    /** @return the documents of {@code e}, chunk 0 first; they replace any with the same record id */
    public List<Document> build(Entry e) {
        List<Document> docs = new ArrayList<>(Math.max(1, e.chunks().size()));
        int n = Math.max(1, e.chunks().size());
        String context = (e.before() + "\n" + e.after()).strip();
        StringBuilder metaText = new StringBuilder();
        e.metadata().forEach((k, v) -> {
            if (searchableMetadata.contains(k)) {
                metaText.append(v).append('\n');
            }
        });
        for (int i = 0; i < n; i++) {
            Document d = new Document();
            d.add(new StringField(IndexSchema.KEY, i == 0 ? e.id() : e.id() + "#" + i, Field.Store.YES));
            d.add(new StringField(IndexSchema.RECORD_ID, e.id(), Field.Store.YES));
            d.add(new StringField(IndexSchema.KIND, e.kind(), Field.Store.YES));
            d.add(new StringField(IndexSchema.LAYER, e.layer().name(), Field.Store.YES));
            if (i < e.chunks().size()) {
                d.add(new TextField(IndexSchema.TEXT, e.chunks().get(i), Field.Store.NO));
                if (TimeCues.saysWhen(e.chunks().get(i))) {
                    d.add(new StringField(IndexSchema.CUE, TimeCues.TIME, Field.Store.YES));
                }
            }
            if (!context.isEmpty()) {
                d.add(new TextField(IndexSchema.CONTEXT, context, Field.Store.NO));
            }
            if (!metaText.isEmpty()) {
                d.add(new TextField(IndexSchema.META_TEXT, metaText.toString(), Field.Store.NO));
            }
            for (Map.Entry<String, String> m : e.metadata().entrySet()) {
                // the session is stored too: recall weighs a turn by how well its whole session matches
                d.add(new StringField(IndexSchema.meta(m.getKey()), m.getValue(),
                        m.getKey().equals(IndexSchema.SESSION_KEY) ? Field.Store.YES : Field.Store.NO));
            }
            if (e.metadata().containsKey(IndexSchema.SUPERSEDED_BY_KEY)) {
                d.add(new StringField(IndexSchema.SUPERSEDED, "true", Field.Store.NO));
            }
            long at = e.at().toEpochMilli();
            d.add(new LongPoint(IndexSchema.AT, at));
            d.add(new NumericDocValuesField(IndexSchema.AT, at));
            d.add(new StoredField(IndexSchema.AT, at));
            d.add(new NumericDocValuesField(IndexSchema.IMPORTANCE, Double.doubleToLongBits(e.importance())));
            d.add(new StoredField(IndexSchema.IMPORTANCE, e.importance()));
            d.add(new LongPoint(IndexSchema.SEQ, e.seq()));
            d.add(new NumericDocValuesField(IndexSchema.SEQ, e.seq()));
            d.add(new StoredField(IndexSchema.SEQ, e.seq()));
            d.add(new StoredField(IndexSchema.CHUNK, i));
            if (i < e.vectors().size()) {
                float[] v = e.vectors().get(i);
                d.add(new KnnFloatVectorField(IndexSchema.VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
                d.add(new StoredField(IndexSchema.VECTOR_BYTES, toBytes(v)));
            }
            if (i == 0) {
                d.add(new StringField(IndexSchema.HEAD, "1", Field.Store.NO));
                d.add(new StoredField(IndexSchema.FULL_TEXT, e.text()));
                d.add(new StoredField(IndexSchema.METADATA_JSON, toJson(e.metadata())));
                d.add(new StoredField(IndexSchema.CONTEXT_BEFORE, e.before()));
                d.add(new StoredField(IndexSchema.CONTEXT_AFTER, e.after()));
                // read as the record's provenance() reads it, so a half-written label cites nothing
                for (Source source : Provenance.fromMetadata(e.metadata()).sources()) {
                    d.add(new StringField(IndexSchema.SOURCE, source.toString(), Field.Store.NO));
                }
            }
            docs.add(d);
        }
        return docs;
    }

    /**
     * Reads the entry of record {@code id} back, vectors included.
     *
     * @param chunkMaxChars how the text was chunked, to rebuild the chunks
     * @return null when there is no such record
     */
    public @Nullable Entry read(IndexSearcher searcher, String id, int chunkMaxChars) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(IndexSchema.RECORD_ID, id)), 10_000,
                new Sort(new SortField(IndexSchema.SEQ, SortField.Type.LONG)));
        if (top.scoreDocs.length == 0) {
            return null;
        }
        StoredFields stored = searcher.storedFields();
        Document first = null;
        TreeMap<Integer, float[]> vectors = new TreeMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = stored.document(sd.doc);
            int chunk = d.getField(IndexSchema.CHUNK).numericValue().intValue();
            if (chunk == 0) {
                first = d;
            }
            BytesRef bytes = d.getBinaryValue(IndexSchema.VECTOR_BYTES);
            if (bytes != null) {
                vectors.put(chunk, fromBytes(bytes));
            }
        }
        if (first == null) {
            return null;
        }
        String text = first.get(IndexSchema.FULL_TEXT);
        String kind = first.get(IndexSchema.KIND);
        List<String> chunks = IndexSchema.KIND_CHAT_LOG.equals(kind) || text.isEmpty() ? List.of() : Chunker.chunks(text, chunkMaxChars);
        return new Entry(id, kind, MemoryLayer.valueOf(first.get(IndexSchema.LAYER)), text,
                Instant.ofEpochMilli(first.getField(IndexSchema.AT).numericValue().longValue()),
                first.getField(IndexSchema.IMPORTANCE).numericValue().doubleValue(),
                fromJson(first.get(IndexSchema.METADATA_JSON)), chunks, List.copyOf(vectors.values()),
                first.getField(IndexSchema.SEQ).numericValue().longValue(),
                first.get(IndexSchema.CONTEXT_BEFORE), first.get(IndexSchema.CONTEXT_AFTER));
    }

    /** Reads the entry from the chunk-0 document's stored fields, without vectors. */
    public static Entry readShallow(Document first) {
        return new Entry(first.get(IndexSchema.RECORD_ID), first.get(IndexSchema.KIND), MemoryLayer.valueOf(first.get(IndexSchema.LAYER)),
                first.get(IndexSchema.FULL_TEXT), Instant.ofEpochMilli(first.getField(IndexSchema.AT).numericValue().longValue()),
                first.getField(IndexSchema.IMPORTANCE).numericValue().doubleValue(), fromJson(first.get(IndexSchema.METADATA_JSON)),
                List.of(), List.of(), first.getField(IndexSchema.SEQ).numericValue().longValue(),
                first.get(IndexSchema.CONTEXT_BEFORE), first.get(IndexSchema.CONTEXT_AFTER));
    }

    /** @return {@code v} as little-endian bytes, the form vectors are stored in for exact rescoring */
    public static BytesRef toBytes(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return new BytesRef(buf.array());
    }

    /** @return the vector stored by {@link #toBytes} */
    public static float[] fromBytes(BytesRef bytes) {
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static String toJson(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(metadata));
        } catch (JsonProcessingException e) {
            throw AiOsException.permanent("cannot encode metadata " + metadata.keySet() + ": " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw AiOsException.permanent("stored metadata is unreadable (" + e.getOriginalMessage()
                    + "); the index may be damaged: rebuild it from its source", e);
        }
    }
}
