package dev.aios.memory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
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

/** Turns an {@link Entry} into Lucene documents (one per chunk) and stored fields back into one. */
public final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final Set<String> searchableMetadata;

    public Documents(Set<String> searchableMetadata) {
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
            d.add(new StringField(Fields.KEY, i == 0 ? e.id() : e.id() + "#" + i, Field.Store.YES));
            d.add(new StringField(Fields.RECORD_ID, e.id(), Field.Store.YES));
            d.add(new StringField(Fields.KIND, e.kind(), Field.Store.YES));
            d.add(new StringField(Fields.LAYER, e.layer().name(), Field.Store.YES));
            if (i < e.chunks().size()) {
                d.add(new TextField(Fields.TEXT, e.chunks().get(i), Field.Store.NO));
            }
            if (!context.isEmpty()) {
                d.add(new TextField(Fields.CONTEXT, context, Field.Store.NO));
            }
            if (!metaText.isEmpty()) {
                d.add(new TextField(Fields.META_TEXT, metaText.toString(), Field.Store.NO));
            }
            for (Map.Entry<String, String> m : e.metadata().entrySet()) {
                d.add(new StringField(Fields.meta(m.getKey()), m.getValue(), Field.Store.NO));
            }
            if (e.metadata().containsKey(Fields.SUPERSEDED_BY_KEY)) {
                d.add(new StringField(Fields.SUPERSEDED, "true", Field.Store.NO));
            }
            long at = e.at().toEpochMilli();
            d.add(new LongPoint(Fields.AT, at));
            d.add(new NumericDocValuesField(Fields.AT, at));
            d.add(new StoredField(Fields.AT, at));
            d.add(new NumericDocValuesField(Fields.IMPORTANCE, Double.doubleToLongBits(e.importance())));
            d.add(new StoredField(Fields.IMPORTANCE, e.importance()));
            d.add(new LongPoint(Fields.SEQ, e.seq()));
            d.add(new NumericDocValuesField(Fields.SEQ, e.seq()));
            d.add(new StoredField(Fields.SEQ, e.seq()));
            d.add(new StoredField(Fields.CHUNK, i));
            if (i < e.vectors().size()) {
                float[] v = e.vectors().get(i);
                d.add(new KnnFloatVectorField(Fields.VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
                d.add(new StoredField(Fields.VECTOR_BYTES, toBytes(v)));
            }
            if (i == 0) {
                d.add(new StringField(Fields.HEAD, "1", Field.Store.NO));
                d.add(new StoredField(Fields.FULL_TEXT, e.text()));
                d.add(new StoredField(Fields.METADATA_JSON, toJson(e.metadata())));
                d.add(new StoredField(Fields.CONTEXT_BEFORE, e.before()));
                d.add(new StoredField(Fields.CONTEXT_AFTER, e.after()));
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
    public Entry read(IndexSearcher searcher, String id, int chunkMaxChars) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term(Fields.RECORD_ID, id)), 10_000,
                new Sort(new SortField(Fields.SEQ, SortField.Type.LONG)));
        if (top.scoreDocs.length == 0) {
            return null;
        }
        StoredFields stored = searcher.storedFields();
        Document first = null;
        TreeMap<Integer, float[]> vectors = new TreeMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Document d = stored.document(sd.doc);
            int chunk = d.getField(Fields.CHUNK).numericValue().intValue();
            if (chunk == 0) {
                first = d;
            }
            BytesRef bytes = d.getBinaryValue(Fields.VECTOR_BYTES);
            if (bytes != null) {
                vectors.put(chunk, fromBytes(bytes));
            }
        }
        if (first == null) {
            return null;
        }
        String text = first.get(Fields.FULL_TEXT);
        String kind = first.get(Fields.KIND);
        List<String> chunks = Fields.KIND_CHAT_LOG.equals(kind) || text.isEmpty() ? List.of() : Chunker.chunks(text, chunkMaxChars);
        return new Entry(id, kind, MemoryLayer.valueOf(first.get(Fields.LAYER)), text,
                Instant.ofEpochMilli(first.getField(Fields.AT).numericValue().longValue()),
                first.getField(Fields.IMPORTANCE).numericValue().doubleValue(),
                fromJson(first.get(Fields.METADATA_JSON)), chunks, List.copyOf(vectors.values()),
                first.getField(Fields.SEQ).numericValue().longValue(),
                first.get(Fields.CONTEXT_BEFORE), first.get(Fields.CONTEXT_AFTER));
    }

    /** Reads the entry from the chunk-0 document's stored fields, without vectors. */
    public static Entry readShallow(Document first) {
        return new Entry(first.get(Fields.RECORD_ID), first.get(Fields.KIND), MemoryLayer.valueOf(first.get(Fields.LAYER)),
                first.get(Fields.FULL_TEXT), Instant.ofEpochMilli(first.getField(Fields.AT).numericValue().longValue()),
                first.getField(Fields.IMPORTANCE).numericValue().doubleValue(), fromJson(first.get(Fields.METADATA_JSON)),
                List.of(), List.of(), first.getField(Fields.SEQ).numericValue().longValue(),
                first.get(Fields.CONTEXT_BEFORE), first.get(Fields.CONTEXT_AFTER));
    }

    public static BytesRef toBytes(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return new BytesRef(buf.array());
    }

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
