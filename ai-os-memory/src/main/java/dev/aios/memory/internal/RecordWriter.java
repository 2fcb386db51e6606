package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Writes records: checks every record of a batch before any is stored, chunks and embeds them in
 * one batch, then indexes them in write order, linking session turns to their neighbours and
 * marking the current version of a superseded fact. Working-layer records go to the in-process
 * working memory instead.
 */
public final class RecordWriter {
    /** Ids longer than this are rejected: they are keys, not content. */
    private static final int MAX_ID_CHARS = 512;
    /** Metadata values longer than this are rejected: metadata is for short values. */
    private static final int MAX_METADATA_CHARS = 8_000;

    private final MemoryIndex index;
    private final DocumentCodec codec;
    private final UnitEmbedder embedder;
    private final WorkingMemory working;
    private final SessionWindows sessions;
    private final int chunkChars;
    private final int maxTextChars;
    private final AtomicLong nextSeq;

    /**
     * @param chunkChars the longest piece of text embedded and indexed as one document
     * @param maxTextChars the longest text one record may hold
     */
    public RecordWriter(MemoryIndex index, DocumentCodec codec, UnitEmbedder embedder, WorkingMemory working,
            SessionWindows sessions, int chunkChars, int maxTextChars) {
        this.index = index;
        this.codec = codec;
        this.embedder = embedder;
        this.working = working;
        this.sessions = sessions;
        this.chunkChars = chunkChars;
        this.maxTextChars = maxTextChars;
        this.nextSeq = new AtomicLong(index.maxSeqAtOpen() + 1);
    }

    /**
     * Stores {@code records} with one embedding batch and one commit; if one is invalid, none is stored.
     *
     * @throws AiOsException naming the invalid record and what is wrong with it
     */
    public void rememberAll(List<MemoryRecord> records) {
        Objects.requireNonNull(records, "records must not be null");
        for (int i = 0; i < records.size(); i++) {
            validate(Objects.requireNonNull(records.get(i), () -> "records contains null"));
        }
        List<MemoryRecord> persistent = new ArrayList<>();
        for (MemoryRecord r : records) {
            if (r.layer() != MemoryLayer.WORKING) {
                persistent.add(r);
            }
        }
        List<List<String>> chunks = new ArrayList<>();
        List<String> allChunks = new ArrayList<>();
        for (MemoryRecord r : persistent) {
            List<String> c = Chunker.chunks(r.text(), chunkChars);
            chunks.add(c);
            allChunks.addAll(c);
        }
        List<float[]> vectors = embedder.embed(allChunks);
        index.locked(() -> {
            List<Entry> entries = new ArrayList<>();
            int v = 0;
            for (int i = 0; i < persistent.size(); i++) {
                MemoryRecord r = persistent.get(i);
                List<String> c = chunks.get(i);
                entries.add(new Entry(r.id(), IndexSchema.KIND_MEMORY, r.layer(), r.text(), r.at(), r.importance(),
                        r.metadata(), c, List.copyOf(vectors.subList(v, v + c.size())), 0, "", ""));
                v += c.size();
            }
            if (!entries.isEmpty()) {
                index.durable(write(entries));
            }
            // After the durable write: a batch that failed leaves no working-layer record behind either.
            for (MemoryRecord r : records) {
                if (r.layer() == MemoryLayer.WORKING) {
                    working.put(r);
                }
            }
            return null;
        });
    }

    /** Writes entries built by an adapter (a kind other than memory), already checked; durable on return. */
    public void writeChecked(List<Entry> entries) {
        index.locked(() -> {
            index.durable(write(entries));
            return null;
        });
    }

    private void validate(MemoryRecord r) {
        TextChecks.validUnicode(r.id(), "memory id");
        if (r.id().length() > MAX_ID_CHARS) {
            throw AiOsException.permanent("memory id is " + r.id().length() + " characters long; keep ids under 512");
        }
        if (r.text().length() > maxTextChars) {
            throw AiOsException.permanent("memory " + r.id() + " has " + r.text().length() + " characters, over the limit of "
                    + maxTextChars + "; split it into several records or raise maxTextChars");
        }
        TextChecks.validUnicode(r.text(), "text of memory " + r.id());
        for (Map.Entry<String, String> m : r.metadata().entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw AiOsException.permanent("metadata of memory " + r.id() + " holds a null key or value");
            }
            TextChecks.validUnicode(m.getKey(), "metadata key of memory " + r.id());
            TextChecks.validUnicode(m.getValue(), "metadata '" + m.getKey() + "' of memory " + r.id());
            if (m.getValue().length() > MAX_METADATA_CHARS) {
                throw AiOsException.permanent("metadata '" + m.getKey() + "' of memory " + r.id()
                        + " is over 8000 characters; metadata is for short values: put long content in the text");
            }
        }
    }

    /** Indexes entries in write order: sequence numbers, session windows, superseded facts. @return the last seqNo */
    private long write(List<Entry> entries) throws IOException {
        synchronized (index.writeOrder()) {
            Map<String, Entry> pending = new LinkedHashMap<>();
            for (Entry e : entries) {
                e = new Entry(e.id(), e.kind(), e.layer(), e.text(), e.at(), e.importance(), e.metadata(), e.chunks(),
                        e.vectors(), nextSeq.getAndIncrement(), "", "");
                if (sessions.applies(e)) {
                    e = sessions.link(e, e.session(), pending);
                }
                if (e.layer() == MemoryLayer.LONG_TERM && e.metadata().containsKey(IndexSchema.FACT_KEY)
                        && !e.metadata().containsKey(IndexSchema.SUPERSEDED_BY_KEY)) {
                    supersedeCurrent(e, pending);
                }
                pending.put(e.id(), e);
            }
            long seqNo = 0;
            for (Entry e : pending.values()) {
                seqNo = Math.max(seqNo, index.replace(e.id(), codec.build(e)));
            }
            return seqNo;
        }
    }

    /** Marks the current versions of {@code newer}'s fact, pending or stored, as superseded by it. */
    private void supersedeCurrent(Entry newer, Map<String, Entry> pending) throws IOException {
        String fact = newer.metadata().get(IndexSchema.FACT_KEY);
        List<Entry> current = new ArrayList<>();
        for (Entry p : pending.values()) {
            if (fact.equals(p.metadata().get(IndexSchema.FACT_KEY)) && !p.metadata().containsKey(IndexSchema.SUPERSEDED_BY_KEY)) {
                current.add(p);
            }
        }
        index.searchLatest(s -> {
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.meta(IndexSchema.FACT_KEY), fact)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.HEAD, "1")), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.SUPERSEDED, "true")), BooleanClause.Occur.MUST_NOT)
                    .build();
            for (ScoreDoc sd : s.search(q, 1_000).scoreDocs) {
                String id = s.storedFields().document(sd.doc, Set.of(IndexSchema.RECORD_ID)).get(IndexSchema.RECORD_ID);
                if (!pending.containsKey(id)) {
                    Entry e = codec.read(s, id, chunkChars);
                    if (e != null) {
                        current.add(e);
                    }
                }
            }
            return null;
        });
        for (Entry old : current) {
            if (!old.id().equals(newer.id())) {
                Map<String, String> meta = new LinkedHashMap<>(old.metadata());
                meta.put(IndexSchema.SUPERSEDED_BY_KEY, newer.id());
                pending.put(old.id(), old.withMetadata(meta));
            }
        }
    }
}
