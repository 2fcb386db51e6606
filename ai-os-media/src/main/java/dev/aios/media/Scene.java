package dev.aios.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One still image of a video and how long it stays on screen. The image is scaled to the video's
 * frame, keeping its aspect ratio, and padded with black.
 *
 * @param image a PNG, JPEG or other still image that ffmpeg can read; must exist
 * @param duration how long the image is shown, positive
 */
public record Scene(Path image, Duration duration) {

    /** Checks that the image exists and the duration is positive. */
    public Scene {
        if (image == null) {
            throw MediaException.invalid("a scene needs an image; got none");
        }
        if (duration == null) {
            throw MediaException.invalid("the scene showing " + image + " needs a duration; got none");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw MediaException.invalid("the scene showing " + image + " must last longer than zero; got "
                    + duration.toMillis() + " ms");
        }
        if (!Files.isRegularFile(image)) {
            throw MediaException.invalid("the scene's image " + image + " does not exist or is not a file");
        }
    }
}
