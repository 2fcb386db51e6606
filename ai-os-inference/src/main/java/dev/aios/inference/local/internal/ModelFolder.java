package dev.aios.inference.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An open Hugging Face model folder of a Llama-family model: {@code config.json}, the weights in
 * {@code model.safetensors} or in shards listed by {@code model.safetensors.index.json}, and the
 * tokenizer files.
 *
 * <p>{@link #open} validates the whole folder up front, so that a bad download fails when it is
 * opened and not halfway through the first answer: every tensor the configuration implies must be
 * present with exactly the shape the configuration implies, and nothing else may be there (apart
 * from the {@code rotary_emb.inv_freq} buffers some old checkpoints carry, and {@code lm_head.weight}
 * in a model with tied embeddings; both are ignored). Each tensor may be F32, F16 or BF16, and
 * they need not all be the same.
 *
 * <p>A GGUF model (llama.cpp's and Ollama's format) opens here too: a {@code .gguf} file, or a
 * folder without {@code config.json} that holds exactly one. It is validated the same way against
 * the configuration its metadata implies, and then presents the same tensors under their Hugging
 * Face names and shapes, dequantized where stored quantized (see {@link GgufModel}); its tokenizer
 * and chat template come from the metadata instead of the tokenizer files.
 */
public final class ModelFolder implements AutoCloseable {

    static final String CONFIG = "config.json";
    static final String SINGLE = "model.safetensors";
    static final String INDEX = "model.safetensors.index.json";
    static final String TOKENIZER = "tokenizer.json";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String GENERATION_CONFIG = "generation_config.json";

    private final Path directory;
    private final LlamaConfig config;
    private final Map<Path, SafeTensorsFile> files;
    private final Map<String, TensorInfo> tensors;
    private final @Nullable GgufModel gguf;

    private ModelFolder(Path directory, LlamaConfig config, Map<Path, SafeTensorsFile> files,
            Map<String, TensorInfo> tensors, @Nullable GgufModel gguf) {
        this.directory = directory;
        this.config = config;
        this.files = files;
        this.tensors = tensors;
        this.gguf = gguf;
    }

    /**
     * Opens and validates a model folder.
     *
     * @param dir the folder, or a {@code .gguf} file (or a folder that holds one and no
     *     {@code config.json})
     * @return the open folder; close it to release the safetensors or GGUF file
     * @throws ModelFormatException if the folder or a file in it is missing, damaged, of an
     *     unsupported kind, or disagrees with {@code config.json}; the message names the file and,
     *     where there is one, the tensor
     */
    public static ModelFolder open(Path dir) {
        Path ggufFile = ggufFile(dir);
        if (ggufFile != null) {
            GgufModel model = GgufModel.open(ggufFile);
            return new ModelFolder(ggufFile, model.config(), Map.of(), model.tensors(), model);
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelFormatException("Model folder " + dir + " does not exist or is not a directory");
        }
        LlamaConfig config = LlamaConfig.parse(dir.resolve(CONFIG));
        Map<Path, SafeTensorsFile> files = new LinkedHashMap<>();
        try {
            Map<String, TensorInfo> tensors = new TreeMap<>();
            Path single = dir.resolve(SINGLE);
            Path index = dir.resolve(INDEX);
            if (Files.isRegularFile(single)) {
                SafeTensorsFile f = SafeTensorsFile.open(single);
                files.put(single, f);
                tensors.putAll(f.tensors());
            } else if (Files.isRegularFile(index)) {
                readShards(dir, index, files, tensors);
            } else {
                throw new ModelFormatException("Model folder " + dir + " has neither " + SINGLE + " nor " + INDEX
                        + "; only safetensors weights are supported (convert a pytorch_model.bin first)");
            }
            validate(dir, config, tensors);
            return new ModelFolder(dir, config, Collections.unmodifiableMap(files), Collections.unmodifiableMap(tensors),
                    null);
        } catch (RuntimeException e) {
            files.values().forEach(SafeTensorsFile::close);
            throw e;
        }
    }

    /** The GGUF file {@code path} is or holds, or null when it is (or may be) a Hugging Face folder. */
    private static @Nullable Path ggufFile(Path path) {
        if (Files.isRegularFile(path)) {
            if (!isGguf(path)) {
                throw new ModelFormatException(path + " is a file, but not a .gguf one: give a Hugging Face model"
                        + " folder or a GGUF file");
            }
            return path;
        }
        if (!Files.isDirectory(path) || Files.isRegularFile(path.resolve(CONFIG))) {
            return null;
        }
        List<Path> found;
        try (Stream<Path> list = Files.list(path)) {
            found = list.filter(p -> isGguf(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new ModelFormatException("Cannot list model folder " + path + ": " + e.getMessage(), e);
        }
        if (found.size() > 1) {
            throw new ModelFormatException("Model folder " + path + " has no " + CONFIG + " and " + found.size()
                    + " GGUF files " + found.stream().map(p -> p.getFileName().toString()).toList()
                    + ": give the one to load");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static boolean isGguf(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf");
    }

    private static void readShards(Path dir, Path index, Map<Path, SafeTensorsFile> files,
            Map<String, TensorInfo> tensors) {
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(Files.readAllBytes(index));
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + index + ": " + e.getMessage(), e);
        }
        JsonNode weightMap = root == null ? null : root.get("weight_map");
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw new ModelFormatException(index + " has no \"weight_map\" object naming each tensor's shard");
        }
        Map<String, String> shardOf = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : weightMap.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(index + " maps tensor '" + e.getKey() + "' to " + e.getValue()
                        + ", expected a file name");
            }
            shardOf.put(e.getKey(), e.getValue().asText());
        }
        for (String shard : new TreeSet<>(shardOf.values())) {
            Path file = dir.resolve(shard).normalize();
            if (!file.startsWith(dir.normalize())) {
                throw new ModelFormatException(index + " names shard \"" + shard + "\" outside the model folder");
            }
            if (!Files.isRegularFile(file)) {
                throw new ModelFormatException(index + " names shard \"" + shard + "\", but " + file
                        + " does not exist: the download is incomplete");
            }
            SafeTensorsFile f = SafeTensorsFile.open(file);
            files.put(file, f);
            for (TensorInfo t : f.tensors().values()) {
                TensorInfo earlier = tensors.put(t.name(), t);
                if (earlier != null) {
                    throw new ModelFormatException("Tensor '" + t.name() + "' is in both " + earlier.file()
                            + " and " + t.file());
                }
            }
        }
        for (Map.Entry<String, String> e : shardOf.entrySet()) {
            TensorInfo t = tensors.get(e.getKey());
            if (t == null || !t.file().getFileName().toString().equals(Path.of(e.getValue()).getFileName().toString())) {
                throw new ModelFormatException(index + " says tensor '" + e.getKey() + "' is in " + e.getValue()
                        + ", but " + (t == null ? "no shard holds it" : "it is in " + t.file()));
            }
        }
    }

    private static void validate(Path dir, LlamaConfig config, Map<String, TensorInfo> tensors) {
        Map<String, long[]> expected = expectedShapes(config);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            TensorInfo t = tensors.get(e.getKey());
            if (t == null) {
                throw new ModelFormatException("Model folder " + dir + " is missing tensor '" + e.getKey()
                        + "' (shape " + Arrays.toString(e.getValue()) + ") that " + CONFIG + " implies"
                        + (e.getKey().equals("lm_head.weight") ? " (tie_word_embeddings is false)" : ""));
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new ModelFormatException("Tensor '" + t.name() + "' in " + t.file() + " has shape "
                        + Arrays.toString(t.shape()) + ", but " + CONFIG + " implies " + Arrays.toString(e.getValue()));
            }
        }
        for (TensorInfo t : tensors.values()) {
            if (!expected.containsKey(t.name()) && !ignored(config, t.name())) {
                throw new ModelFormatException("Unexpected tensor '" + t.name() + "' in " + t.file() + ": "
                        + CONFIG + " (" + config.architecture() + ", " + config.layers() + " layers"
                        + (config.attentionBias() ? ", attention biases" : "") + ") implies no such tensor");
            }
        }
    }

    private static boolean ignored(LlamaConfig config, String name) {
        return name.endsWith(".rotary_emb.inv_freq") || (config.tiedEmbeddings() && name.equals("lm_head.weight"));
    }

    /**
     * The Hugging Face names of every tensor a model with this configuration has, in the order a
     * forward pass meets them (embedding, each layer, final norm, output projection).
     *
     * @param c the configuration
     * @return the names; {@code lm_head.weight} only when embeddings are not tied, the q/k/v
     *     biases only with {@link LlamaConfig#attentionBias()}
     */
    public static List<String> expectedTensorNames(LlamaConfig c) {
        return List.copyOf(expectedShapes(c).keySet());
    }

    /**
     * @param c the configuration
     * @return each expected tensor's shape by name, in {@link #expectedTensorNames} order
     */
    public static Map<String, long[]> expectedShapes(LlamaConfig c) {
        long hidden = c.hiddenSize();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        long inter = c.intermediateSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("model.embed_tokens.weight", new long[] {c.vocabSize(), hidden});
        for (int i = 0; i < c.layers(); i++) {
            String p = "model.layers." + i + ".";
            m.put(p + "input_layernorm.weight", new long[] {hidden});
            m.put(p + "self_attn.q_proj.weight", new long[] {q, hidden});
            if (c.attentionBias()) {
                m.put(p + "self_attn.q_proj.bias", new long[] {q});
            }
            m.put(p + "self_attn.k_proj.weight", new long[] {kv, hidden});
            if (c.attentionBias()) {
                m.put(p + "self_attn.k_proj.bias", new long[] {kv});
            }
            m.put(p + "self_attn.v_proj.weight", new long[] {kv, hidden});
            if (c.attentionBias()) {
                m.put(p + "self_attn.v_proj.bias", new long[] {kv});
            }
            m.put(p + "self_attn.o_proj.weight", new long[] {hidden, q});
            m.put(p + "post_attention_layernorm.weight", new long[] {hidden});
            m.put(p + "mlp.gate_proj.weight", new long[] {inter, hidden});
            m.put(p + "mlp.up_proj.weight", new long[] {inter, hidden});
            m.put(p + "mlp.down_proj.weight", new long[] {hidden, inter});
        }
        m.put("model.norm.weight", new long[] {hidden});
        if (!c.tiedEmbeddings()) {
            m.put("lm_head.weight", new long[] {c.vocabSize(), hidden});
        }
        return m;
    }

    /** @return the folder this was opened from, or the GGUF file */
    public Path directory() {
        return directory;
    }

    /** @return whether this is a GGUF model file rather than a Hugging Face folder */
    public boolean isGguf() {
        return gguf != null;
    }

    /**
     * @param name a Hugging Face tensor name
     * @return the bytes the tensor occupies on disk: {@link TensorInfo#length()}, except for a
     *     GGUF tensor stored quantized, whose blocks are smaller than the floats it decodes to
     */
    public long storedBytes(String name) {
        TensorInfo t = tensor(name);
        return gguf == null ? t.length() : gguf.storedBytes(name);
    }

    /** @return the parsed {@code config.json} */
    public LlamaConfig config() {
        return config;
    }

    /**
     * @param name a Hugging Face tensor name
     * @return where that tensor lies
     * @throws ModelFormatException if the folder has no such tensor
     */
    public TensorInfo tensor(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) {
            throw new ModelFormatException("Model folder " + directory + " has no tensor '" + name + "'");
        }
        return t;
    }

    /**
     * @param name a Hugging Face tensor name
     * @return a read-only little-endian memory map of exactly that tensor's bytes
     * @throws ModelFormatException if the folder has no such tensor or it cannot be mapped
     */
    public ByteBuffer map(String name) {
        TensorInfo t = tensor(name);
        return gguf != null ? gguf.map(name) : files.get(t.file()).map(t);
    }

    /**
     * Decodes one tensor to floats on the heap. Meant for small tensors and for reference code;
     * large ones belong in the engine straight from {@link #map}.
     *
     * @param name a Hugging Face tensor name
     * @return its elements in row-major order, widened from F16 or BF16 where stored so
     * @throws ModelFormatException if the folder has no such tensor or it has more than
     *     {@code Integer.MAX_VALUE} elements
     */
    public float[] readFloats(String name) {
        TensorInfo t = tensor(name);
        ByteBuffer b = map(name);
        long n = t.elements();
        if (n > Integer.MAX_VALUE) {
            throw new ModelFormatException("Tensor '" + name + "' has " + n + " elements, too many for one float[]");
        }
        float[] out = new float[(int) n];
        switch (t.type()) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.float16ToFloat(b.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
        }
        return out;
    }

    /**
     * @return the folder's {@code tokenizer.json}
     * @throws ModelFormatException if the folder has none
     */
    public Path tokenizerJson() {
        if (gguf != null) {
            throw new ModelFormatException(directory + " is a GGUF file: its tokenizer is in its metadata (see"
                    + " ModelTokenizer.load(ModelFolder))");
        }
        Path p = directory.resolve(TOKENIZER);
        if (!Files.isRegularFile(p)) {
            throw new ModelFormatException("Model folder " + directory + " has no " + TOKENIZER + " (" + p
                    + "); local models need the Hugging Face fast-tokenizer file");
        }
        return p;
    }

    /** @return the folder's {@code tokenizer_config.json} (chat template, special tokens), if it has one */
    public Optional<Path> tokenizerConfigJson() {
        return optionalFile(TOKENIZER_CONFIG);
    }

    /** @return the folder's {@code generation_config.json} (default sampling, eos ids), if it has one */
    public Optional<Path> generationConfigJson() {
        return optionalFile(GENERATION_CONFIG);
    }

    /**
     * @return the GGUF tokenizer metadata as an equivalent Hugging Face {@code tokenizer.json}
     *     document; empty for a Hugging Face folder, which has the file
     */
    Optional<String> ggufTokenizerJson() {
        return gguf == null ? Optional.empty() : Optional.of(GgufTokenizerJson.write(gguf.file().metadata()));
    }

    /** @return the GGUF file's chat template and end tokens; empty for a Hugging Face folder */
    Optional<PromptFormat> ggufPromptFormat() {
        return gguf == null ? Optional.empty() : Optional.of(GgufPrompt.format(gguf.file().metadata(), config));
    }

    private Optional<Path> optionalFile(String name) {
        if (gguf != null) {
            return Optional.empty();
        }
        Path p = directory.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Closes the safetensors or GGUF files; buffers already mapped stay readable. */
    @Override
    public void close() {
        files.values().forEach(SafeTensorsFile::close);
        if (gguf != null) {
            gguf.close();
        }
    }
}
