package dev.aios.inference.local.internal;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model folder's tokenizer.json, through DJL's binding of Hugging Face tokenizers. Special
 * tokens written in the text (from a chat template) are matched; none are added implicitly,
 * because the chat template already places them.
 */
public final class ModelTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Path file;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer, Path file) {
        this.tokenizer = tokenizer;
        this.file = file;
    }

    /** @return the tokenizer.json it was loaded from (constrained decoding reads the token strings) */
    public Path file() {
        return file;
    }

    /** Loads {@code tokenizerJson}; a file the library cannot read fails with its name. */
    public static ModelTokenizer load(Path tokenizerJson) {
        try {
            return new ModelTokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")), tokenizerJson);
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
