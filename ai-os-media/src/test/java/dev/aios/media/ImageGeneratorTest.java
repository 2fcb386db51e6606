package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGeneratorTest {

    @TempDir
    Path dir;

    /** An image model that answers with a fixed image, remembering the prompts it was given. */
    static final class FixedImageModel implements ImageModel {
        final List<String> prompts = new ArrayList<>();
        private final Supplier<Image> image;

        FixedImageModel(Supplier<Image> image) {
            this.image = image;
        }

        @Override
        public Response<Image> generate(String prompt) {
            prompts.add(prompt);
            return Response.from(image.get());
        }
    }

    static String pngBase64(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void decodesBase64AndCoversTheSizeAskedFor() throws Exception {
        String png = pngBase64(ImagesTest.picture(512, 512));
        FixedImageModel model = new FixedImageModel(() -> Image.builder().base64Data(png).mimeType("image/png").build());
        BufferedImage image = ImageGenerator.of(model).generate("a lighthouse at dusk", 320, 180);
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(180);
        assertThat(Pixels.drawnShare(image)).isGreaterThan(0.5);
        assertThat(model.prompts).containsExactly("a lighthouse at dusk");
    }

    @Test
    void readsAFileUrl() throws Exception {
        Path file = Images.write(ImagesTest.picture(64, 64), dir.resolve("generated.png"));
        FixedImageModel model = new FixedImageModel(() -> Image.builder().url(file.toUri()).build());
        assertThat(ImageGenerator.of(model).generate("x", 32, 32).getWidth()).isEqualTo(32);
    }

    @Test
    void refusesToDownloadAWebAddress() {
        FixedImageModel model = new FixedImageModel(
                () -> Image.builder().url(URI.create("https://images.example.com/a.png")).build());
        assertThatThrownBy(() -> ImageGenerator.of(model).generate("x", 32, 32))
                .isInstanceOf(MediaException.class).hasMessageContaining("https://images.example.com/a.png")
                .hasMessageContaining("does not download");
    }

    @Test
    void refusesBadInputAndBadAnswers() {
        FixedImageModel garbage = new FixedImageModel(
                () -> Image.builder().base64Data(Base64.getEncoder().encodeToString("hello".getBytes())).build());
        assertThatThrownBy(() -> ImageGenerator.of(garbage).generate("x", 32, 32))
                .isInstanceOf(MediaException.class).hasMessageContaining("not an image");
        assertThatThrownBy(() -> ImageGenerator.of(garbage).generate(" ", 32, 32))
                .isInstanceOf(MediaException.class).hasMessageContaining("prompt");
        assertThatThrownBy(() -> ImageGenerator.of(garbage).generate("x", 0, 32))
                .isInstanceOf(MediaException.class).hasMessageContaining("0x32");
        assertThat(garbage.prompts).containsExactly("x");
    }
}
