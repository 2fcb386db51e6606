package dev.aios.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aios.api.MemoryLayer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * The context window of session turns: each new turn is indexed with the text of the turns before
 * it, and the turns before it are re-indexed with its text, so a question about an answer also
 * finds the turn that asked for it. Keeps the last turns of recent sessions in memory so a new
 * turn does not have to read its predecessors back from the index. Callers hold the index's
 * write order.
 */
public final class SessionWindows {
    /** The longest piece of a neighbour's text indexed as context. */
    private static final int CLIP_CHARS = 500;

    private record TailItem(Entry entry, int followers) {}

    private final MemoryIndex index;
    private final DocumentCodec codec;
    private final int contextTurns;
    private final int chunkChars;
    private final Cache<String, Deque<TailItem>> tails = Caffeine.newBuilder().maximumSize(1_000).build();

    /** @param contextTurns how many turns before and after a turn are its context (0 for none) */
    public SessionWindows(MemoryIndex index, DocumentCodec codec, int contextTurns, int chunkChars) {
        this.index = index;
        this.codec = codec;
        this.contextTurns = contextTurns;
        this.chunkChars = chunkChars;
    }

    /** @return whether {@code e} is a session turn that gets neighbours' context */
    boolean applies(Entry e) {
        return contextTurns > 0 && e.layer() == MemoryLayer.SESSION && e.session() != null
                && IndexSchema.KIND_MEMORY.equals(e.kind());
    }

    /**
     * @return {@code e} with the text of the turns before it; those turns, with {@code e}'s text
     *     added after theirs, are put in {@code pending} to be re-indexed
     */
    Entry link(Entry e, String session, Map<String, Entry> pending) throws IOException {
        Deque<TailItem> tail = tails.getIfPresent(session);
        if (tail == null) {
            tail = loadTail(session);
            tails.put(session, tail);
        }
        StringBuilder before = new StringBuilder();
        Deque<TailItem> updated = new ArrayDeque<>();
        for (TailItem item : tail) {
            Entry p = pending.getOrDefault(item.entry().id(), item.entry());
            before.append(clip(p.text())).append('\n');
            if (item.followers() < contextTurns) {
                String after = p.after().isEmpty() ? clip(e.text()) : p.after() + "\n" + clip(e.text());
                p = p.withContext(p.before(), after);
                pending.put(p.id(), p);
            }
            updated.add(new TailItem(p, item.followers() + 1));
        }
        Entry linked = e.withContext(before.toString().strip(), "");
        updated.addLast(new TailItem(linked, 0));
        while (updated.size() > contextTurns) {
            updated.removeFirst();
        }
        tails.put(session, updated);
        return linked;
    }

    /** Forgets the remembered tails, after records were deleted. */
    void invalidate() {
        tails.invalidateAll();
    }

    private static String clip(String text) {
        return text.length() <= CLIP_CHARS ? text : text.substring(0, CLIP_CHARS);
    }

    /** Reads the last turns of a session from the index (after a restart, or once evicted from the cache). */
    private Deque<TailItem> loadTail(String session) throws IOException {
        return index.searchLatest(s -> {
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.meta(IndexSchema.SESSION_KEY), session)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.LAYER, MemoryLayer.SESSION.name())), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_MEMORY)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.HEAD, "1")), BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = s.search(q, contextTurns, new Sort(new SortField(IndexSchema.SEQ, SortField.Type.LONG, true)));
            Deque<TailItem> tail = new ArrayDeque<>();
            int followers = 0;
            for (ScoreDoc sd : top.scoreDocs) {
                String id = s.storedFields().document(sd.doc, Set.of(IndexSchema.RECORD_ID)).get(IndexSchema.RECORD_ID);
                Entry e = codec.read(s, id, chunkChars);
                if (e != null) {
                    tail.addFirst(new TailItem(e, followers++));
                }
            }
            return tail;
        });
    }
}
