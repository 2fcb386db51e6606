package dev.aios.media.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.media.MediaException;
import dev.aios.media.VideoProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runs ffprobe on a media file and reads its JSON report into a {@link VideoProbe}. */
public final class ProbeReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeReader() {}

    /**
     * @param ffprobe the program
     * @param file the file to read
     * @param timeout how long ffprobe may take
     * @return what ffprobe found
     * @throws MediaException when ffprobe cannot read the file, naming it
     */
    public static VideoProbe probe(ExternalProgram ffprobe, Path file, Duration timeout) {
        String json;
        try {
            json = ffprobe.run(List.of("-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                    VideoCommand.url(file)), timeout).stdout();
        } catch (MediaException e) {
            throw MediaException.failed("ffprobe could not read " + file + ": " + e.getMessage(), e);
        }
        return parse(json, file);
    }

    /** Reads ffprobe's {@code -show_format -show_streams} JSON. */
    static VideoProbe parse(String json, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw MediaException.failed("ffprobe's report on " + file + " is not JSON: " + e.getMessage(), e);
        }
        int video = 0;
        int audio = 0;
        int subtitle = 0;
        int width = 0;
        int height = 0;
        @Nullable String videoCodec = null;
        @Nullable String audioCodec = null;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText("");
            boolean coverArt = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !coverArt) {
                if (video++ == 0) {
                    width = stream.path("width").asInt(0);
                    height = stream.path("height").asInt(0);
                    videoCodec = stream.path("codec_name").asText(null);
                }
            } else if (type.equals("audio")) {
                if (audio++ == 0) {
                    audioCodec = stream.path("codec_name").asText(null);
                }
            } else if (type.equals("subtitle")) {
                subtitle++;
            }
        }
        double seconds = root.path("format").path("duration").asDouble(0);
        return new VideoProbe(Duration.ofNanos(Math.round(Math.max(0, seconds) * 1e9)), video, audio, subtitle,
                width, height, videoCodec, audioCodec);
    }
}
