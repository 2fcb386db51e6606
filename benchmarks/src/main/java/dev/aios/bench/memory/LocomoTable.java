package dev.aios.bench.memory;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.memory.CommitPolicy;
import dev.aios.memory.LuceneMemory;
import dev.aios.memory.RecallRequest;
import dev.aios.memory.RetrievalSettings;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * LoCoMo retrieval, scored leave-one-conversation-out. Ingests each conversation (every turn a
 * session memory with its session date), asks every question of categories 1-4 and scores hit@k
 * and evidence recall@k (k = 1, 5, 10) for plain-Lucene baselines (BM25, vectors, their
 * reciprocal-rank fusion), for {@link LuceneMemory} with the store's defaults, and for
 * {@link LuceneMemory} with settings chosen by cross-validation.
 * {@snippet lang=shell :
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.aios.bench.memory.LocomoTable
 * java ... LocomoTable --models=minilm,bge   # also the bge-small-en-v1.5 (quantized) model
 * java ... LocomoTable --no-grid             # baselines and store defaults only
 * }
 * Data: {@code ../shared/data/locomo} relative to the working directory, or {@code -Daios.locomo.dir=...},
 * or the first argument. Every method indexes the same text per turn: "Speaker: words", plus
 * "[shares a photo: caption]" when the turn shared a photo.
 *
 * <p>Protocol: every setting of {@link LocomoGrid#candidates()} is scored on every conversation
 * once. For each held-out conversation, the setting with the best mean evidence recall@10 over the
 * questions of the other conversations is chosen, and only then the held-out one is scored with it;
 * no held-out score takes part in its own choice. Recency and importance are off throughout (every
 * turn has the same importance, and "now" is not defined). Confidence intervals: see
 * {@link LocomoScores#interval}.
 */
public final class LocomoTable {
    private LocomoTable() {}

    static final String BM25 = "BM25 only";
    static final String VECTOR = "vector only";
    static final String RRF = "naive RRF (k=60)";
    static final String PRE_ISSUE = "ours, pre-issue-15 defaults (0.5/0.5/0.3/0.3, 2 turns)";
    static final String DEFAULTS = "ours, store defaults";
    static final String LOCO = "ours, chosen on the other 4 (LOCO)";

    /**
     * The same protocol over parts of the grid, to see what each cue adds on conversations that
     * took no part in choosing its weight: each row's fold choices range only over its part.
     */
    static final Map<String, Predicate<LocomoGrid.Candidate>> ABLATIONS = ablations();

    private static Map<String, Predicate<LocomoGrid.Candidate>> ablations() {
        Map<String, Predicate<LocomoGrid.Candidate>> m = new LinkedHashMap<>();
        m.put("ours, LOCO, no time or session cue", c -> c.settings().timeBoost() == 0 && c.settings().sessionBoost() == 0);
        m.put("ours, LOCO, time cue only", c -> c.settings().sessionBoost() == 0);
        m.put("ours, LOCO, session cue only", c -> c.settings().timeBoost() == 0);
        return m;
    }

    /** The store's ranking before issue 15, fixed before any LoCoMo run. */
    static final LocomoGrid.Candidate PRE_ISSUE_15 = new LocomoGrid.Candidate(2,
            LocomoGrid.noRecency(new RetrievalSettings(0.5, 0.5, 0.3, 0.3, 100, 0.05, Duration.ofDays(30), 0.1, 0, 0)));

    /** What one embedding model scored: per method, per conversation, per question. */
    record ModelRun(String model, Map<String, Map<String, double[][]>> rows, List<Map<String, double[][]>> grid,
            List<Fold> folds, double ingestSeconds, int ingested, List<Long> latencyNanos, double embedPerSecond) {}

    /** One fold: the held-out conversation, the grid setting chosen without it, and that setting's score on the rest. */
    record Fold(String heldOut, int chosen, double trainRecall10) {}

    public static void main(String[] args) throws Exception {
        List<String> flags = Arrays.stream(args).filter(a -> a.startsWith("--")).toList();
        String dirArg = Arrays.stream(args).filter(a -> !a.startsWith("--")).findFirst()
                .orElse(System.getProperty("aios.locomo.dir", "../shared/data/locomo"));
        Path dataDir = Path.of(dirArg).toAbsolutePath().normalize();
        if (!Files.isDirectory(dataDir)) {
            System.out.println("LoCoMo data not found at " + dataDir + "; skipping. Run from the repository root "
                    + "with ../shared/data/locomo beside it, or pass -Daios.locomo.dir=/path/to/locomo.");
            return;
        }
        List<Locomo.Conversation> conversations = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                conversations.add(Locomo.read(f));
            }
        }
        if (conversations.size() < 2) {
            System.out.println("leave-one-conversation-out needs at least 2 LoCoMo conversations (*.json) in " + dataDir
                    + "; found " + conversations.size() + ". Skipping.");
            return;
        }
        boolean useGrid = !flags.contains("--no-grid");
        List<String> models = flags.stream().filter(f -> f.startsWith("--models=")).findFirst()
                .map(f -> List.of(f.substring("--models=".length()).split(","))).orElse(List.of("minilm"));
        long start = System.nanoTime();
        List<ModelRun> runs = new ArrayList<>();
        for (String m : models) {
            runs.add(run(m, model(m), conversations, useGrid));
        }
        System.out.println();
        System.out.println(LocomoReport.render(conversations, runs, useGrid, (System.nanoTime() - start) / 1e9));
    }

    static Supplier<EmbeddingModel> model(String name) {
        return switch (name) {
            case "minilm" -> AllMiniLmL6V2QuantizedEmbeddingModel::new;
            case "bge" -> BgeSmallEnV15QuantizedEmbeddingModel::new;
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; known: minilm, bge");
        };
    }

    static ModelRun run(String name, Supplier<EmbeddingModel> factory, List<Locomo.Conversation> conversations,
            boolean useGrid) throws IOException {
        EmbeddingModel raw = factory.get();
        double perSecond = throughput(raw, conversations.get(0));
        DiskEmbeddings embedder = new DiskEmbeddings(raw, Path.of("benchmarks", "target", "locomo-embeddings-" + name + ".bin"));
        Map<String, Map<String, double[][]>> rows = new LinkedHashMap<>();
        List<LocomoGrid.Candidate> grid = useGrid ? LocomoGrid.candidates() : List.of();
        List<Map<String, double[][]>> gridScores = new ArrayList<>();
        grid.forEach(c -> gridScores.add(new LinkedHashMap<>()));
        List<Long> latency = new ArrayList<>();
        long ingestNanos = 0;
        int ingested = 0;
        for (Locomo.Conversation c : conversations) {
            System.out.printf("[%s] conversation %s: %d turns, %d questions%n", name, c.name(), c.turns().size(),
                    c.questions().size());
            try (LocomoBaseline baseline = new LocomoBaseline(c, embedder)) {
                put(rows, BM25, c, evaluate(c, baseline::bm25, null));
                put(rows, VECTOR, c, evaluate(c, baseline::vector, null));
                put(rows, RRF, c, evaluate(c, baseline::rrf, null));
            }
            // the store exactly as a user gets it, but for recency and importance, which need a "now"
            Path dir = Files.createTempDirectory("locomo-" + c.name());
            try (LuceneMemory memory = LuceneMemory.builder(dir).embedder(embedder)
                    .commitPolicy(CommitPolicy.onEveryWrite()).build()) {
                long t0 = System.nanoTime();
                ingest(memory, c);
                ingestNanos += System.nanoTime() - t0;
                ingested += c.turns().size();
                RetrievalSettings rs = LocomoGrid.noRecency(RetrievalSettings.defaults());
                put(rows, DEFAULTS, c, evaluate(c, q -> ours(memory, q, rs), latency));
            } finally {
                deleteTree(dir);
            }
            for (int turns : Stream.concat(Stream.of(PRE_ISSUE_15.contextTurns()),
                    grid.stream().map(LocomoGrid.Candidate::contextTurns)).distinct().sorted().toList()) {
                dir = Files.createTempDirectory("locomo-" + c.name() + "-" + turns);
                try (LuceneMemory memory = LuceneMemory.builder(dir).embedder(embedder).contextTurns(turns).build()) {
                    ingest(memory, c);
                    if (turns == PRE_ISSUE_15.contextTurns()) {
                        put(rows, PRE_ISSUE, c, evaluate(c, q -> ours(memory, q, PRE_ISSUE_15.settings()), null));
                    }
                    for (int i = 0; i < grid.size(); i++) {
                        if (grid.get(i).contextTurns() == turns) {
                            RetrievalSettings rs = grid.get(i).settings();
                            gridScores.get(i).put(c.name(), evaluate(c, q -> ours(memory, q, rs), null));
                        }
                    }
                } finally {
                    deleteTree(dir);
                }
            }
            embedder.save();
        }
        List<Fold> folds = new ArrayList<>();
        if (useGrid) {
            folds = loco(grid, gridScores, conversations, c -> true, rows, LOCO);
            for (Map.Entry<String, Predicate<LocomoGrid.Candidate>> a : ABLATIONS.entrySet()) {
                loco(grid, gridScores, conversations, a.getValue(), rows, a.getKey());
            }
        }
        return new ModelRun(name, rows, gridScores, folds, ingestNanos / 1e9, ingested, latency, perSecond);
    }

    /**
     * Leave-one-conversation-out over the grid settings that {@code part} accepts: puts each held-out
     * conversation's scores under the setting chosen on the others into row {@code method}.
     *
     * @return the folds, in conversation order
     */
    static List<Fold> loco(List<LocomoGrid.Candidate> grid, List<Map<String, double[][]>> gridScores,
            List<Locomo.Conversation> conversations, Predicate<LocomoGrid.Candidate> part,
            Map<String, Map<String, double[][]>> rows, String method) {
        List<Fold> folds = new ArrayList<>();
        for (Locomo.Conversation held : conversations) {
            List<String> others = conversations.stream().map(Locomo.Conversation::name)
                    .filter(n -> !n.equals(held.name())).toList();
            int best = best(grid, gridScores, part, others);
            folds.add(new Fold(held.name(), best, LocomoScores.mean(pick(gridScores.get(best), others), LocomoScores.RECALL10)));
            put(rows, method, held, gridScores.get(best).get(held.name()));
        }
        return folds;
    }

    /**
     * @return the index of the grid setting accepted by {@code part} with the best mean evidence
     *     recall@10 over {@code on}'s questions; the first on ties
     */
    static int best(List<LocomoGrid.Candidate> candidates, List<Map<String, double[][]>> grid,
            Predicate<LocomoGrid.Candidate> part, List<String> on) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < grid.size(); i++) {
            if (!part.test(candidates.get(i))) {
                continue;
            }
            double s = LocomoScores.mean(pick(grid.get(i), on), LocomoScores.RECALL10);
            if (s > bestScore + 1e-12) {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }

    static List<double[][]> pick(Map<String, double[][]> byConversation, List<String> names) {
        return names.stream().map(byConversation::get).toList();
    }

    private static void put(Map<String, Map<String, double[][]>> rows, String method, Locomo.Conversation c, double[][] s) {
        rows.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(c.name(), s);
    }

    /** Texts per second the model embeds, cold, in batches of 32: the first 256 turns of {@code c}. */
    static double throughput(EmbeddingModel model, Locomo.Conversation c) {
        List<TextSegment> texts = c.turns().stream().limit(256).map(t -> TextSegment.from(t.text())).toList();
        model.embedAll(texts.subList(0, 32)); // warm-up: session start, first allocations
        long t0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 32) {
            model.embedAll(texts.subList(i, Math.min(texts.size(), i + 32)));
        }
        return texts.size() / ((System.nanoTime() - t0) / 1e9);
    }

    interface Retriever {
        List<String> top(String question) throws IOException;
    }

    static void ingest(LuceneMemory memory, Locomo.Conversation c) {
        // one batch per LoCoMo session: one embedding batch and one commit each
        Map<Integer, List<MemoryRecord>> bySession = new LinkedHashMap<>();
        for (Locomo.Turn t : c.turns()) {
            bySession.computeIfAbsent(t.session(), k -> new ArrayList<>()).add(new MemoryRecord(t.id(), MemoryLayer.SESSION,
                    t.text(), t.at(), 0.5, Map.of("session", "session_" + t.session(), "speaker", t.speaker())));
        }
        bySession.values().forEach(memory::rememberAll);
    }

    static List<String> ours(LuceneMemory memory, String question, RetrievalSettings rs) {
        return memory.recall(RecallRequest.builder(question).k(10).layers(MemoryLayer.SESSION).readTimePhrases(false).build(), rs)
                .stream().map(h -> h.record().id()).toList();
    }

    /** @return per question, its six scores; adds each question's latency to {@code latency} when given */
    static double[][] evaluate(Locomo.Conversation c, Retriever r, List<Long> latency) throws IOException {
        double[][] out = new double[c.questions().size()][];
        for (int i = 0; i < out.length; i++) {
            Locomo.Question q = c.questions().get(i);
            long t0 = System.nanoTime();
            List<String> top = r.top(q.text());
            if (latency != null) {
                latency.add(System.nanoTime() - t0);
            }
            out[i] = LocomoScores.score(top, q);
        }
        return out;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
