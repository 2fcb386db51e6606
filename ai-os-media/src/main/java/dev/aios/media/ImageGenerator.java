package dev.aios.media;

import dev.aios.media.internal.ImageModelGenerator;
import dev.langchain4j.model.image.ImageModel;
import java.awt.image.BufferedImage;

/**
 * Makes a picture from a text prompt: a generative model, a stock-image index, a renderer. Pluggable,
 * so the media engine works with whichever image model the host has configured, or none.
 */
@FunctionalInterface
public interface ImageGenerator {

    /**
     * @param prompt what the picture shows
     * @param width the width wanted, in pixels
     * @param height the height wanted, in pixels
     * @return a picture of exactly {@code width} x {@code height}
     * @throws MediaException when the prompt is blank, a size is not positive, or generation fails
     */
    BufferedImage generate(String prompt, int width, int height);

    /**
     * Adapts a LangChain4j {@link ImageModel}. The model's image may come as base64 data or as a
     * {@code file:} or {@code data:} URL; an {@code http(s)} URL is refused, because the engine is
     * local first and fetching from the web goes through the web tools, with their approvals. The
     * model's picture is scaled to cover the size asked for and its overflow cropped from the centre.
     *
     * @param model the configured image model
     * @return a generator backed by {@code model}
     */
    static ImageGenerator of(ImageModel model) {
        return new ImageModelGenerator(model);
    }
}
