package dev.aios.inference.local.internal;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.aios.inference.local.ModelFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The model folder's tokenizer.json, through DJL's binding of Hugging Face tokenizers. Special
 * tokens written in the text (from a chat template) are matched; none are added implicitly,
 * because the chat template already places them.
 */
public final class ModelTokenizer implements AutoCloseable {
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");
    private final HuggingFaceTokenizer tokenizer;
    private final Path source;
    private final @Nullable String document;

    /**
     * @param source the tokenizer.json file, or the GGUF model its {@code document} was built from
     * @param document the tokenizer.json text when it is not in {@code source}
     */
    private ModelTokenizer(HuggingFaceTokenizer tokenizer, Path source, @Nullable String document) {
        this.tokenizer = tokenizer;
        this.source = source;
        this.document = document;
    }

    /** @return where the tokenizer came from: its tokenizer.json, or the GGUF model */
    public Path source() {
        return source;
    }

    /**
     * @return the tokenizer.json document (constrained decoding reads the token strings from it)
     * @throws ModelFormatException if the file can no longer be read
     */
    public String json() {
        if (document != null) {
            return document;
        }
        try {
            return java.nio.file.Files.readString(source);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read the tokenizer again: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model's tokenizer: the folder's tokenizer.json, or for a GGUF file the equivalent
     * document built from its metadata (see {@link GgufTokenizerJson}).
     */
    public static ModelTokenizer load(ModelFolder folder) {
        Optional<String> gguf = folder.ggufTokenizerJson();
        if (gguf.isEmpty()) {
            return load(folder.tokenizerJson());
        }
        try (InputStream json = new ByteArrayInputStream(gguf.get().getBytes(StandardCharsets.UTF_8))) {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(json, OPTIONS), folder.directory(), gguf.get());
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(folder.directory() + ": the tokenizer built from the GGUF metadata does not"
                    + " load: " + e.getMessage(), e);
        }
    }

    /** Loads {@code tokenizerJson}; a file the library cannot read fails with its name. */
    public static ModelTokenizer load(Path tokenizerJson) {
        try {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, OPTIONS), tokenizerJson, null);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(tokenizerJson + ": not a tokenizer the Hugging Face tokenizers library can load: "
                    + e.getMessage(), e);
        }
    }

    /** @return the token ids of {@code text} */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** @return the text of {@code tokens[0..count)}, special tokens left out */
    public String decode(int[] tokens, int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = tokens[i];
        }
        return tokenizer.decode(ids, true);
    }

    /** @return the id of a token written as {@code text}, or -1 when it is not one token */
    public int tokenId(String text) {
        int[] ids = encode(text);
        return ids.length == 1 ? ids[0] : -1;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
