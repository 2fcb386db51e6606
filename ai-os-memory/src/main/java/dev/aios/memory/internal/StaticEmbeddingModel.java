package dev.aios.memory.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.AiOsException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A static embedding model (one fixed vector per WordPiece token, a text's vector the weighted
 * mean of its tokens') distilled from a BERT-style ONNX sentence encoder when constructed, in the
 * manner of model2vec: each vocabulary token is run through the encoder alone, between
 * {@code [CLS]} and {@code [SEP]}, and its own output row kept. A text then costs one tokenisation
 * and a few hundred additions, about a hundred times less than the encoder, for vectors that find
 * less on their own (see benchmarks/README, "Tool retrieval") but serve well beside words.
 *
 * <p>Tokens are weighted by {@code ln(1 + id)^2}: BERT's vocabulary lists words roughly from
 * common to rare, so the id stands in for rarity, as model2vec's Zipf weighting does. The table is
 * kept as half-precision floats (30,522 x 384 x 2 bytes, about 23 MB for all-MiniLM-L6-v2).
 */
public final class StaticEmbeddingModel implements EmbeddingModel {
    private static final Logger log = LoggerFactory.getLogger(StaticEmbeddingModel.class);
    private static final int BATCH = 512;

    private final HuggingFaceTokenizer tokenizer;
    private final short[] table; // vocabulary x dimension, half precision
    private final int dimension;
    private final int vocabulary;
    private final Set<Long> special;

    private StaticEmbeddingModel(HuggingFaceTokenizer tokenizer, short[] table, int dimension, int vocabulary,
            Set<Long> special) {
        this.tokenizer = tokenizer;
        this.table = table;
        this.dimension = dimension;
        this.vocabulary = vocabulary;
        this.special = special;
    }

    /**
     * Distils a model (a few seconds on two cores; progress is logged).
     *
     * @param onnx the encoder, taking {@code input_ids}, {@code attention_mask} and optionally
     *     {@code token_type_ids}, with the per-token hidden states as its first output
     * @param tokenizerJson the encoder's Hugging Face {@code tokenizer.json}, a WordPiece model
     * @param name names the encoder in logs and errors
     * @return the static model
     * @throws AiOsException (permanent) when the files cannot be read or run
     */
    public static StaticEmbeddingModel distil(InputStream onnx, InputStream tokenizerJson, String name) {
        long start = System.nanoTime();
        try (onnx; tokenizerJson) {
            byte[] json = tokenizerJson.readAllBytes();
            JsonNode vocab = new ObjectMapper().readTree(json).path("model").path("vocab");
            if (!vocab.isObject() || vocab.isEmpty()) {
                throw AiOsException.permanent("the tokenizer of " + name + " has no WordPiece vocabulary (model.vocab)");
            }
            int vocabulary = vocab.size();
            Set<Long> special = new HashSet<>();
            for (String token : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")) {
                if (vocab.has(token)) {
                    special.add(vocab.get(token).asLong());
                }
            }
            long cls = vocab.path("[CLS]").asLong(101);
            long sep = vocab.path("[SEP]").asLong(102);
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("padding", "false", "truncation", "false"));
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                    OrtSession session = env.createSession(onnx.readAllBytes(), options)) {
                boolean types = session.getInputNames().contains("token_type_ids");
                short[] table = null;
                int dimension = 0;
                int nextReport = vocabulary / 4;
                log.info("distilling a static embedding model from {}: {} tokens ...", name, vocabulary);
                for (int first = 0; first < vocabulary; first += BATCH) {
                    int n = Math.min(BATCH, vocabulary - first);
                    long[][] ids = new long[n][];
                    long[][] mask = new long[n][];
                    for (int i = 0; i < n; i++) {
                        ids[i] = new long[] {cls, first + i, sep};
                        mask[i] = new long[] {1, 1, 1};
                    }
                    Map<String, OnnxTensor> inputs = new HashMap<>();
                    try {
                        inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
                        inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
                        if (types) {
                            inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[n][3]));
                        }
                        try (OrtSession.Result result = session.run(inputs)) {
                            float[][][] hidden = (float[][][]) result.get(0).getValue();
                            if (table == null) {
                                dimension = hidden[0][1].length;
                                table = new short[vocabulary * dimension];
                            }
                            for (int i = 0; i < n; i++) {
                                int row = (first + i) * dimension;
                                for (int d = 0; d < dimension; d++) {
                                    table[row + d] = Float.floatToFloat16(hidden[i][1][d]);
                                }
                            }
                        }
                    } finally {
                        inputs.values().forEach(OnnxTensor::close);
                    }
                    if (first + n >= nextReport && first + n < vocabulary) {
                        log.info("distilling {}: {} of {} tokens", name, first + n, vocabulary);
                        nextReport += vocabulary / 4;
                    }
                }
                log.info("distilled a static embedding model from {} in {} ms ({} dimensions)", name,
                        (System.nanoTime() - start) / 1_000_000, dimension);
                return new StaticEmbeddingModel(tokenizer, table, dimension, vocabulary, Set.copyOf(special));
            }
        } catch (IOException | OrtException e) {
            throw AiOsException.permanent("cannot distil a static embedding model from " + name + ": " + e.getMessage());
        }
    }

    /** @return the unit-length vector of {@code text}; all zeros when it has no known token */
    float[] vector(String text) {
        Encoding encoding = tokenizer.encode(text, false, false);
        float[] sum = new float[dimension];
        for (long id : encoding.getIds()) {
            if (id < 0 || id >= vocabulary || special.contains(id)) {
                continue;
            }
            double log = Math.log1p(id);
            float weight = (float) (log * log);
            int row = (int) id * dimension;
            for (int d = 0; d < dimension; d++) {
                sum[d] += weight * Float.float16ToFloat(table[row + d]);
            }
        }
        double norm = 0;
        for (float v : sum) {
            norm += (double) v * v;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < dimension; d++) {
                sum[d] *= scale;
            }
        }
        return sum;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment segment : segments) {
            out.add(Embedding.from(vector(segment.text())));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String toString() {
        return "StaticEmbeddingModel[" + vocabulary + " tokens x " + dimension + "]";
    }
}
