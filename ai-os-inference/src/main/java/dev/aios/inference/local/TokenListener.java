package dev.aios.inference.local;

/**
 * Receives a generation's text as it is produced, on the model's worker thread; keep it quick.
 * The pieces concatenated equal {@link GenerationResult#text()}: text is held back while it could
 * still turn into a stop string or an incomplete UTF-8 character.
 */
@FunctionalInterface
public interface TokenListener {
    /** A listener that ignores everything. */
    TokenListener NONE = text -> {};

    /** @param text the next piece of generated text, never empty */
    void onText(String text);
}
