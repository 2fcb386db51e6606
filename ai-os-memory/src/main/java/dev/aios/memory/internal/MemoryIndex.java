package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.aios.memory.CommitPolicy;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntSupplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Lucene index of one store and its lifecycle: opening (the write lock, recovery from a
 * corrupt or foreign index, the vector dimension check), near-real-time searchers, commits by
 * policy (one fsync serving every waiting writer, or a background committer), and closing.
 * Every operation runs under the lifecycle's read lock, so {@link #close()} waits for those in
 * flight and later ones fail with a clear message.
 */
public final class MemoryIndex {
    private static final Logger log = LoggerFactory.getLogger(MemoryIndex.class);

    /** Work that needs the index open; its I/O failures become retriable {@link AiOsException}s. */
    public interface Work<T> {
        /** @return the work's result */
        T run() throws IOException;
    }

    /** Work with a searcher over every write acknowledged so far. */
    public interface SearcherWork<T> {
        /** @return the work's result */
        T apply(IndexSearcher searcher) throws IOException;
    }

    private final Path path;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final int dimensions;
    private final long maxSeqAtOpen;
    private final CommitPolicy commitPolicy;
    /** Orders sequence numbers, session windows, superseding and deletes among writers. */
    private final Object writeOrder = new Object();
    private final Object commitLock = new Object();
    private volatile long committedSeqNo;
    private final AtomicBoolean refreshNeeded = new AtomicBoolean();
    private final AtomicBoolean deletesPending = new AtomicBoolean();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private final @Nullable ScheduledExecutorService committer;

    /**
     * Opens (or creates) the index at {@code path}.
     *
     * @param expectedDimensions the embedding model's dimension, checked against the vectors stored
     * @throws AiOsException retriable when another process holds the store; permanent when it is
     *     corrupt, was built with another dimension, or its directory cannot be created
     */
    public static MemoryIndex open(Path path, Analyzer indexAnalyzer, boolean quantized, IntSupplier expectedDimensions,
            CommitPolicy commitPolicy) {
        return new MemoryIndex(path, indexAnalyzer, quantized, expectedDimensions, commitPolicy);
    }

    private MemoryIndex(Path path, Analyzer indexAnalyzer, boolean quantized, IntSupplier expectedDimensions,
            CommitPolicy commitPolicy) {
        this.path = path;
        this.commitPolicy = commitPolicy;
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw AiOsException.permanent("cannot create the memory directory " + path + ": " + e.getMessage()
                    + "; check that the path is writable", e);
        }
        FSDirectory dir = null;
        IndexWriter w = null;
        try {
            dir = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCodec(codec(quantized))
                    .setCommitOnClose(true)
                    // forgetting must purge every segment holding a deleted record, however few
                    .setMergePolicy(new TieredMergePolicy().setForceMergeDeletesPctAllowed(0.0));
            w = new IndexWriter(dir, config);
            this.directory = dir;
            this.writer = w;
            this.searchers = new SearcherManager(w, null);
            this.dimensions = checkDimensions(expectedDimensions.getAsInt());
            this.maxSeqAtOpen = maxSeq();
        } catch (LockObtainFailedException e) {
            closeQuietly(w, dir);
            throw AiOsException.retriable("the memory store " + path + " is already open (its write lock is held by "
                    + "another process or another LuceneMemory in this one); close that one first or use another path", e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                 | NoSuchFileException e) {
            closeQuietly(w, dir);
            throw AiOsException.permanent("the memory store " + path + " is corrupt or unreadable (" + e.getMessage()
                    + "); it was left untouched: restore it from a backup, or move it away to start an empty one", e);
        } catch (IOException e) {
            closeQuietly(w, dir);
            throw AiOsException.retriable("cannot open the memory store " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(w, dir);
            throw e;
        }
        Optional<Duration> interval = commitPolicy.interval();
        if (interval.isPresent()) {
            committer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aios-memory-commit " + path.getFileName());
                t.setDaemon(true);
                return t;
            });
            long ms = interval.get().toMillis();
            committer.scheduleWithFixedDelay(this::backgroundCommit, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            committer = null;
        }
        log.debug("opened memory store {} ({} dims, quantized {}, commit {})", path, dimensions, quantized, commitPolicy);
    }

    /** @return the store's directory */
    public Path path() {
        return path;
    }

    /** @return the dimension of the vectors this index holds */
    public int dimensions() {
        return dimensions;
    }

    /** @return the monitor that orders writers and deleters among themselves */
    public Object writeOrder() {
        return writeOrder;
    }

    /**
     * Runs {@code work} while the index is open.
     *
     * @throws AiOsException permanent when the store is closed; retriable on an I/O failure
     */
    public <T> T locked(Work<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw AiOsException.permanent("the memory store " + path + " is closed; open it again to use it");
            }
            return work.run();
        } catch (IOException e) {
            throw AiOsException.retriable("memory store " + path + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw AiOsException.retriable("memory store " + path + ": " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Runs {@code work} with a searcher that sees every write so far; call within {@link #locked}. */
    public <T> T search(SearcherWork<T> work) throws IOException {
        if (refreshNeeded.getAndSet(false)) {
            searchers.maybeRefreshBlocking();
        }
        return withSearcher(work);
    }

    /** As {@link #search}, but always reopening the searcher, for writers that must see the latest state. */
    public <T> T searchLatest(SearcherWork<T> work) throws IOException {
        refreshNeeded.set(false);
        searchers.maybeRefreshBlocking();
        return withSearcher(work);
    }

    private <T> T withSearcher(SearcherWork<T> work) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return work.apply(s);
        } finally {
            searchers.release(s);
        }
    }

    /** Replaces the documents of record {@code recordId} with {@code docs}; @return the write's sequence number */
    public long replace(String recordId, List<Document> docs) throws IOException {
        long seqNo = writer.updateDocuments(new Term(IndexSchema.RECORD_ID, recordId), docs);
        refreshNeeded.set(true);
        return seqNo;
    }

    /** Deletes every document of these records; purged from disk at the next commit. @return the sequence number */
    public long delete(Set<String> recordIds) throws IOException {
        long seqNo = writer.deleteDocuments(recordIds.stream().map(id -> new Term(IndexSchema.RECORD_ID, id))
                .toArray(Term[]::new));
        deletesPending.set(true);
        refreshNeeded.set(true);
        return seqNo;
    }

    /** @return how many memory records the persistent layers hold */
    public int countRecords() throws IOException {
        return search(s -> s.count(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.HEAD, "1")), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_MEMORY)), BooleanClause.Occur.FILTER)
                .build()));
    }

    /** @return the highest write sequence number stored when the index was opened, 0 for an empty index */
    public long maxSeqAtOpen() {
        return maxSeqAtOpen;
    }

    private long maxSeq() throws IOException {
        return withSearcher(s -> {
            TopDocs top = s.search(new MatchAllDocsQuery(), 1,
                    new Sort(new SortField(IndexSchema.SEQ, SortField.Type.LONG, true)));
            if (top.scoreDocs.length == 0) {
                return 0L;
            }
            return s.storedFields().document(top.scoreDocs[0].doc, Set.of(IndexSchema.SEQ)).getField(IndexSchema.SEQ)
                    .numericValue().longValue();
        });
    }

    /**
     * Returns once the write with sequence number {@code seqNo} is committed, per the commit
     * policy; {@link Long#MAX_VALUE} commits now whatever the policy.
     */
    public void durable(long seqNo) throws IOException {
        if (commitPolicy.interval().isPresent() && seqNo != Long.MAX_VALUE) {
            return; // the background committer will make it durable
        }
        if (committedSeqNo >= seqNo && seqNo != Long.MAX_VALUE) {
            return;
        }
        synchronized (commitLock) {
            // Whoever holds the lock commits for everyone waiting: one fsync serves many writers.
            if (committedSeqNo >= seqNo && seqNo != Long.MAX_VALUE) {
                return;
            }
            commitNow();
        }
    }

    private void commitNow() throws IOException {
        synchronized (commitLock) {
            long before = writer.getMaxCompletedSequenceNumber();
            boolean purge = deletesPending.getAndSet(false);
            if (purge) {
                // forgotten means gone from disk: rewrite segments that still hold deleted documents
                writer.forceMergeDeletes(true);
            }
            long c = writer.commit();
            committedSeqNo = Math.max(committedSeqNo, Math.max(c, before));
            if (purge && !closed) {
                // old segment files stay while a near-real-time reader holds them: move readers on, then delete
                searchers.maybeRefreshBlocking();
                writer.deleteUnusedFiles();
            }
        }
    }

    private void backgroundCommit() {
        try {
            locked(() -> {
                commitNow();
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("background commit of memory store {} failed; will retry", path, e);
        }
    }

    /** Commits and releases the index, its lock and threads; waits for operations in flight. Idempotent. */
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (committer != null) {
                committer.shutdownNow();
            }
            try {
                commitNow();
                searchers.close();
                writer.close();
            } finally {
                directory.close();
            }
        } catch (IOException e) {
            throw AiOsException.permanent("closing the memory store " + path + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private int checkDimensions(int expected) throws IOException {
        try (DirectoryReader r = DirectoryReader.open(writer)) {
            FieldInfo fi = FieldInfos.getMergedFieldInfos(r).fieldInfo(IndexSchema.VECTOR);
            if (fi != null && fi.getVectorDimension() != expected) {
                throw AiOsException.permanent("the memory store " + path + " holds " + fi.getVectorDimension()
                        + "-dimensional vectors but the embedding model gives " + expected
                        + "; open it with the model it was built with, or re-index into a new store");
            }
        }
        return expected;
    }

    private static Lucene104Codec codec(boolean quantized) {
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return quantized ? new Lucene104HnswScalarQuantizedVectorsFormat() : new Lucene99HnswVectorsFormat();
            }
        };
    }

    private static void closeQuietly(@Nullable IndexWriter w, @Nullable FSDirectory dir) {
        try {
            if (w != null) {
                w.rollback(); // releases the lock without committing anything
            }
        } catch (IOException | RuntimeException ignored) {
            // already failing; the original error is what matters
        }
        try {
            if (dir != null) {
                dir.close();
            }
        } catch (IOException ignored) {
            // as above
        }
    }
}
