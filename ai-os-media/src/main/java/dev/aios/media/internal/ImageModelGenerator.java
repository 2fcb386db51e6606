package dev.aios.media.internal;

import dev.aios.media.ImageGenerator;
import dev.aios.media.Images;
import dev.aios.media.MediaException;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** {@link ImageGenerator} over a LangChain4j {@link ImageModel}; see {@link ImageGenerator#of}. */
public final class ImageModelGenerator implements ImageGenerator {

    private final ImageModel model;

    /**
     * Adapts {@code model}.
     *
     * @param model the model that makes the pictures
     */
    public ImageModelGenerator(ImageModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public BufferedImage generate(String prompt, int width, int height) {
        if (prompt.isBlank()) {
            throw MediaException.invalid("the prompt for an image is blank; say what the picture shows");
        }
        if (width < 1 || height < 1) {
            throw MediaException.invalid("cannot generate a " + width + "x" + height
                    + " image: width and height must be at least 1 pixel");
        }
        Response<Image> response;
        try {
            response = model.generate(prompt);
        } catch (RuntimeException e) {
            throw MediaException.failed("the image model " + model.getClass().getSimpleName() + " failed: "
                    + e.getMessage(), e);
        }
        Image image = response == null ? null : response.content();
        if (image == null) {
            throw MediaException.failed("the image model " + model.getClass().getSimpleName()
                    + " returned no image", null);
        }
        return Images.cover(decode(image), width, height);
    }

    private BufferedImage decode(Image image) {
        if (image.base64Data() != null && !image.base64Data().isBlank()) {
            return fromBytes(base64(image.base64Data()), "its base64 data");
        }
        URI url = image.url();
        if (url == null) {
            throw MediaException.failed("the image model " + model.getClass().getSimpleName()
                    + " returned an image with neither base64 data nor a URL", null);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "data" -> {
                String text = url.toString();
                int comma = text.indexOf(',');
                if (comma < 0 || !text.substring(0, comma).endsWith(";base64")) {
                    throw MediaException.failed("the image model returned a data: URL that is not base64", null);
                }
                yield fromBytes(base64(text.substring(comma + 1)), "its data: URL");
            }
            case "file" -> {
                Path file = Path.of(url);
                if (!Files.isRegularFile(file)) {
                    throw MediaException.failed("the image model returned " + url + ", which is not a file", null);
                }
                yield Images.read(file);
            }
            case "http", "https" -> throw MediaException.invalid("the image model returned a web address (" + url
                    + ") instead of the image; the media engine does not download: configure the model to return"
                    + " base64 data, or fetch the address with the web tools and pass the file");
            default -> throw MediaException.invalid("the image model returned a '" + scheme
                    + ":' URL, which the media engine cannot read; it reads base64 data and file: URLs");
        };
    }

    private static byte[] base64(String data) {
        try {
            // models wrap base64 in lines now and then; the MIME decoder skips the line breaks
            String text = data.strip();
            // some providers put the whole data: URL into the base64 field
            if (text.startsWith("data:") && text.indexOf(',') > 0) {
                text = text.substring(text.indexOf(',') + 1);
            }
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw MediaException.failed("the image model returned base64 data that does not decode: "
                    + e.getMessage(), e);
        }
    }

    private static BufferedImage fromBytes(byte[] bytes, String where) {
        @Nullable BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw MediaException.failed("could not read the image in " + where + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw MediaException.failed("the image model's " + where.replace("its ", "")
                    + " is not an image in a format Java reads (PNG, JPEG, GIF or BMP)", null);
        }
        return image;
    }
}
