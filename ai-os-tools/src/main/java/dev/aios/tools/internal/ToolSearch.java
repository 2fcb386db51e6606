package dev.aios.tools.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.text.Vectors;
import dev.aios.api.text.Words;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks tools for a query: BM25 over their names, descriptions and example requests (name words
 * count twice; each example counts its distinct words once), fused with cosine similarity of
 * embeddings when a model is given (weighted reciprocal rank fusion, so neither score's scale
 * matters). A tool's semantic score is the mean of the query's similarity to its description and
 * to its closest example request, or the former alone when it has none. One index per catalogue;
 * built once, searched many times.
 *
 * <p>The fusion's constants were chosen on the tool-retrieval benchmark's dev requests only (see
 * benchmarks/README, "Tool retrieval"): a small {@code k} lets each list's top ranks decide, and
 * the two ranks count the same. With the tools' example requests, weights 0.75 to 1.5 for the
 * embedding's rank were within two requests in a hundred of each other over the 124 built-in
 * tools, but at 1,000 tools the static model lost 2 in a hundred from 1 to 1.5; without examples,
 * weights 1.5 to 3 did best.
 */
public final class ToolSearch {
    private static final Logger log = LoggerFactory.getLogger(ToolSearch.class);
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final int RRF_K = 10;
    /** How much more the embedding's rank counts than the words' in the fusion. */
    private static final double SEMANTIC_WEIGHT = 1.0;
    private static final Pattern CAMEL_HUMP = Pattern.compile("(\\p{Ll})(\\p{Lu})");

    private final List<ToolDescriptor> tools;
    private final Map<String, int[]> postings; // term -> [doc, tf, doc, tf, ...]
    private final int[] lengths;
    private final double averageLength;
    private final @Nullable EmbeddingModel model;
    private final Cache<String, float[]> vectors;
    private volatile float @Nullable [][][] documents;

    /**
     * @param tools the catalogue, in its stable order
     * @param model embeds names and descriptions, or null for lexical search only
     * @param vectors embeddings kept across catalogues, keyed by the text embedded
     */
    public ToolSearch(List<ToolDescriptor> tools, @Nullable EmbeddingModel model, Cache<String, float[]> vectors) {
        this.tools = List.copyOf(tools);
        this.model = model;
        this.vectors = vectors;
        this.lengths = new int[this.tools.size()];
        Map<String, List<Integer>> building = new HashMap<>();
        long total = 0;
        for (int doc = 0; doc < this.tools.size(); doc++) {
            ToolDescriptor tool = this.tools.get(doc);
            Map<String, Integer> tf = new HashMap<>();
            for (String word : words(tool.name())) {
                tf.merge(word, 2, Integer::sum);
            }
            for (String word : words(tool.description())) {
                tf.merge(word, 1, Integer::sum);
            }
            for (String example : tool.examples()) {
                // Distinct words: six ways of asking count a word six times at most, not per repeat.
                for (String word : new java.util.HashSet<>(words(example))) {
                    tf.merge(word, 1, Integer::sum);
                }
            }
            int length = 0;
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                List<Integer> list = building.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                list.add(doc);
                list.add(e.getValue());
                length += e.getValue();
            }
            lengths[doc] = length;
            total += length;
        }
        this.averageLength = this.tools.isEmpty() ? 1 : Math.max(1, (double) total / this.tools.size());
        this.postings = new HashMap<>();
        building.forEach((term, list) -> postings.put(term, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** @return a cache for {@link #ToolSearch}'s embeddings */
    public static Cache<String, float[]> vectorCache() {
        return Caffeine.newBuilder().maximumSize(20_000).build();
    }

    /** @return at most {@code k} tools, best first; tools that match nothing come last, in catalogue order */
    public List<ToolDescriptor> search(String query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        int n = tools.size();
        double[] lexical = new double[n];
        for (String term : new java.util.HashSet<>(words(query))) {
            int[] list = postings.get(term);
            if (list == null) {
                continue;
            }
            int df = list.length / 2;
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            for (int i = 0; i < list.length; i += 2) {
                int doc = list[i];
                int tf = list[i + 1];
                double norm = tf + K1 * (1 - B + B * lengths[doc] / averageLength);
                lexical[doc] += idf * tf * (K1 + 1) / norm;
            }
        }
        double[] fused = new double[n];
        addRanks(fused, lexical, 1.0);
        if (model != null && n > 0) {
            double[] semantic = semantic(query);
            if (semantic != null) {
                addRanks(fused, semantic, SEMANTIC_WEIGHT);
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byScore = Double.compare(fused[b], fused[a]);
            return byScore != 0 ? byScore : Integer.compare(a, b);
        });
        List<ToolDescriptor> result = new ArrayList<>(Math.min(k, n));
        for (int i = 0; i < Math.min(k, n); i++) {
            result.add(tools.get(order[i]));
        }
        return result;
    }

    /** Adds weight/(k + rank) for every document with a positive score. */
    private static void addRanks(double[] fused, double[] scores, double weight) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < scores.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        for (int rank = 0; rank < order.length && scores[order[rank]] > 0; rank++) {
            fused[order[rank]] += weight / (RRF_K + rank + 1);
        }
    }

    private double @Nullable [] semantic(String query) {
        try {
            float[][][] docs = documentVectors();
            float[] q = Vectors.normalizeInPlace(model.embed(query).content().vector().clone());
            if (Vectors.norm(q) == 0) {
                return null; // nothing the model knows (a static model's unknown pieces): words alone decide
            }
            double[] scores = new double[docs.length];
            for (int i = 0; i < docs.length; i++) {
                // Summed in float, four lanes at a time: about 1,700 products a search at 1,000 tools.
                double similarity = Vectors.dotInFloat(q, docs[i][0]);
                if (docs[i].length > 1) {
                    double closestExample = -1;
                    for (int e = 1; e < docs[i].length; e++) {
                        closestExample = Math.max(closestExample, Vectors.dotInFloat(q, docs[i][e]));
                    }
                    similarity = (similarity + closestExample) / 2;
                }
                // Shifted into (0, 2] so every tool gets a semantic rank.
                scores[i] = 1 + similarity;
            }
            return scores;
        } catch (RuntimeException e) {
            log.warn("tool search: the embedding model failed ({}); ranking by words only", e.toString());
            return null;
        }
    }

    /**
     * @return per tool, the unit vectors of its description and then of each example request;
     *     embedded at the first semantic search (texts another catalogue embedded come from the
     *     shared cache) and kept, since a catalogue never changes
     */
    private float[][][] documentVectors() {
        float[][][] docs = documents;
        if (docs != null) {
            return docs;
        }
        Map<String, float[]> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (ToolDescriptor tool : tools) {
            for (String text : texts(tool)) {
                float[] cached = vectors.getIfPresent(text);
                if (cached != null) {
                    found.put(text, cached);
                } else {
                    missing.add(text);
                }
            }
        }
        if (!missing.isEmpty()) {
            List<String> batch = List.copyOf(missing);
            List<Embedding> embedded = model.embedAll(batch.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < batch.size(); i++) {
                found.put(batch.get(i), embedded.get(i).vector());
                vectors.put(batch.get(i), embedded.get(i).vector());
            }
        }
        docs = new float[tools.size()][][];
        for (int i = 0; i < docs.length; i++) {
            List<String> texts = texts(tools.get(i));
            docs[i] = new float[texts.size()][];
            for (int t = 0; t < texts.size(); t++) {
                docs[i][t] = Vectors.normalizeInPlace(found.get(texts.get(t)).clone());
            }
        }
        documents = docs;
        return docs;
    }

    /** @return what is embedded of a tool: its name and description first, then each example request */
    private static List<String> texts(ToolDescriptor tool) {
        List<String> texts = new ArrayList<>(1 + tool.examples().size());
        texts.add(text(tool));
        texts.addAll(tool.examples());
        return texts;
    }

    private static String text(ToolDescriptor tool) {
        return tool.name().replace('.', ' ').replace('_', ' ') + ": " + tool.description();
    }

    /**
     * The project's words ({@link Words}, two letters or more) with two additions for tool names:
     * camelCase humps split first ("readFile" is "read file"), and English plurals folded
     * ("files" and "file", "entries" and "entry") so they match.
     */
    static List<String> words(String text) {
        String spaced = CAMEL_HUMP.matcher(text).replaceAll("$1 $2");
        List<String> words = Words.of(spaced, 2);
        words.replaceAll(ToolSearch::singular);
        return words;
    }

    private static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
