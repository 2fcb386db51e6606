package dev.aios.media;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What ffprobe reads from a video file: its length, its streams and the first video stream's
 * frame size and codec. Made by {@link Video#probe(java.nio.file.Path)}, so that a caller (or a
 * test) checks a file with a real reader rather than trusting the writer.
 *
 * @param duration the container's duration
 * @param videoStreams how many video streams the file holds
 * @param audioStreams how many audio streams
 * @param subtitleStreams how many subtitle streams (such as {@code mov_text})
 * @param width the first video stream's width in pixels, 0 when there is none
 * @param height its height in pixels, 0 when there is none
 * @param videoCodec the first video stream's codec, such as {@code h264}, or null when there is none
 * @param audioCodec the first audio stream's codec, such as {@code aac}, or null when there is none
 */
public record VideoProbe(Duration duration, int videoStreams, int audioStreams, int subtitleStreams, int width,
        int height, @Nullable String videoCodec, @Nullable String audioCodec) {

    /** Checks the counts. */
    public VideoProbe {
        if (duration == null || duration.isNegative()) {
            throw MediaException.invalid("a probed video's duration must be >= 0; got " + duration);
        }
        if (videoStreams < 0 || audioStreams < 0 || subtitleStreams < 0 || width < 0 || height < 0) {
            throw MediaException.invalid("stream counts and frame size must be >= 0; got " + videoStreams + " video, "
                    + audioStreams + " audio, " + subtitleStreams + " subtitle, " + width + "x" + height);
        }
    }
}
