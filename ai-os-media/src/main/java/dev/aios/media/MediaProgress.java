package dev.aios.media;

/**
 * Receives the progress of a long media operation (rendering slides, encoding a video), so a
 * host can show it. Called on the thread doing the work; must not block.
 */
@FunctionalInterface
public interface MediaProgress {

    /** Ignores progress. */
    MediaProgress NONE = (stage, done, total) -> {};

    /**
     * @param stage what is being done, such as {@code "encoding video"}
     * @param done how much of the stage is done, in the stage's own units (seconds, slides)
     * @param total how much there is in all, or 0 when unknown
     */
    void update(String stage, double done, double total);
}
