package dev.aios.media.internal;

import dev.aios.media.Scene;
import dev.aios.media.VideoSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of the one ffmpeg run that makes a video from a {@link VideoSpec}.
 *
 * <p>Each scene is its own input, read once as a single frame, scaled and padded once, then
 * repeated with {@code tpad} for its frames; the {@code concat} filter joins them. Why not the
 * concat demuxer with durations: it needs a list file with its own quoting and {@code -safe 0},
 * drops the last image's duration, and cannot mix PNG and JPEG scenes. Why not {@code -loop 1}
 * per input: that decodes and scales the image again for every frame.
 *
 * <p>Scene boundaries are whole frames counted from the running total, so the video lasts the
 * scenes' total to within one frame however many scenes there are. Audio is padded with silence
 * or cut to exactly that length, so neither stream outlasts the other.
 *
 * <p>Untrusted paths: every input and the output are absolute paths given as {@code file:} URLs,
 * so no name is read as another protocol ({@code pipe:}, {@code http:}, {@code concat:}) or as an
 * option; images are read with {@code -pattern_type none}, so a {@code %d} in a name is no image
 * sequence; the one path inside the filter graph (the subtitle file for burning in) is escaped for
 * both levels of filter-graph syntax.
 */
public final class VideoCommand {
    /** The audio every video carries: AAC at 48 kHz, stereo. */
    static final int SAMPLE_RATE = 48_000;
    static final String AUDIO_BITRATE = "160k";

    /**
     * How x264 encodes.
     *
     * @param preset an x264 preset, such as {@code veryfast}
     * @param crf constant rate factor, 0 (lossless) to 51
     * @param threads encoder threads, 0 for ffmpeg's choice
     */
    public record Encoding(String preset, int crf, int threads) {}

    /**
     * An ffmpeg run.
     *
     * @param arguments ffmpeg's arguments, each passed as is
     * @param inputs the files ffmpeg reads, by input index, so its errors ("input stream 1:0") can
     *     be told in terms of files
     */
    public record Invocation(List<String> arguments, List<Path> inputs) {
        /** Copies the lists. */
        public Invocation {
            arguments = List.copyOf(arguments);
            inputs = List.copyOf(inputs);
        }
    }

    private static final Pattern INPUT_REFERENCE =
            Pattern.compile("(?:input stream |Input #|stream #|input #)(\\d+)(?::|,)");

    private VideoCommand() {}

    /**
     * @param spec what to make
     * @param encoding how to encode the video
     * @param softSubtitles an SRT file to add as a {@code mov_text} stream, or null
     * @param burnedSubtitles an SRT file to draw into the frames (needs libass), or null
     * @param output where ffmpeg writes the MP4
     * @return ffmpeg's arguments and the files it reads
     */
    public static Invocation invocation(VideoSpec spec, Encoding encoding, @Nullable Path softSubtitles,
            @Nullable Path burnedSubtitles, Path output) {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error",
                "-nostats", "-progress", "pipe:2", "-y"));
        int fps = spec.fps();
        List<Scene> scenes = spec.scenes();
        List<Path> inputs = new ArrayList<>();
        StringBuilder graph = new StringBuilder();
        long totalNanos = 0;
        long framesBefore = 0;
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            args.addAll(List.of("-f", "image2", "-pattern_type", "none", "-framerate", Integer.toString(fps),
                    "-i", url(scene.image())));
            inputs.add(scene.image());
            totalNanos += scene.duration().toNanos();
            long framesAfter = frames(totalNanos, fps);
            long frames = framesAfter - framesBefore;
            framesBefore = framesAfter;
            graph.append(String.format(Locale.ROOT,
                    "[%d:v]scale=%d:%d:force_original_aspect_ratio=decrease,pad=%d:%d:(ow-iw)/2:(oh-ih)/2:color=black,"
                            + "setsar=1,format=yuv420p,tpad=stop_mode=clone:stop=%d,trim=end_frame=%d,"
                            + "setpts=PTS-STARTPTS[v%d];",
                    i, spec.width(), spec.height(), spec.width(), spec.height(), frames - 1, frames, i));
        }
        for (int i = 0; i < scenes.size(); i++) {
            graph.append("[v").append(i).append(']');
        }
        graph.append("concat=n=").append(scenes.size()).append(":v=1:a=0");
        if (burnedSubtitles != null) {
            graph.append(",subtitles=filename=").append(filterOption(burnedSubtitles.toAbsolutePath().toString()));
        }
        graph.append("[video];");
        String seconds = seconds(framesBefore, fps);
        int nextInput = scenes.size();
        String format = "aformat=sample_fmts=fltp:sample_rates=" + SAMPLE_RATE + ":channel_layouts=stereo";
        // pad and cut every audio branch to the video's length first: sidechaincompress and amix
        // end when an input ends, and a bare apad would never end
        String fit = ",apad=whole_dur=" + seconds + ",atrim=end=" + seconds;
        @Nullable String narration = null;
        @Nullable String music = null;
        if (spec.narration() != null) {
            args.addAll(List.of("-i", url(spec.narration())));
            inputs.add(spec.narration());
            graph.append('[').append(nextInput++).append(":a]").append(format).append(fit).append("[narration];");
            narration = "narration";
        }
        if (spec.music() != null) {
            args.addAll(List.of("-i", url(spec.music())));
            inputs.add(spec.music());
            graph.append('[').append(nextInput++).append(":a]").append(format)
                    .append(String.format(Locale.ROOT, ",volume=%.3f", spec.musicVolume())).append(fit)
                    .append("[music];");
            music = "music";
        }
        if (narration != null && music != null) {
            // duck the music while the voice speaks, so the words stay clear over a loud bed
            graph.append("[narration]asplit[voice][key];")
                    .append("[music][key]sidechaincompress=threshold=0.02:ratio=6:attack=20:release=400[ducked];")
                    .append("[voice][ducked]amix=inputs=2:duration=first:normalize=0[audio]");
        } else if (narration != null || music != null) {
            graph.append('[').append(narration != null ? narration : music).append("]anull[audio]");
        } else {
            // every video gets exactly one audio stream: players and sites expect one
            graph.append("anullsrc=channel_layout=stereo:sample_rate=").append(SAMPLE_RATE)
                    .append(",atrim=end=").append(seconds).append("[audio]");
        }
        if (softSubtitles != null) {
            args.addAll(List.of("-f", "srt", "-i", url(softSubtitles)));
            inputs.add(softSubtitles);
        }
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[video]", "-map", "[audio]"));
        if (softSubtitles != null) {
            args.addAll(List.of("-map", nextInput + ":s", "-c:s", "mov_text", "-metadata:s:s:0", "language=und"));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", encoding.preset(), "-tune", "stillimage",
                "-crf", Integer.toString(encoding.crf()), "-pix_fmt", "yuv420p", "-r", Integer.toString(fps)));
        if (encoding.threads() > 0) {
            args.addAll(List.of("-threads", Integer.toString(encoding.threads())));
        }
        args.addAll(List.of("-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", Integer.toString(SAMPLE_RATE), "-ac", "2",
                "-t", seconds, "-movflags", "+faststart", "-f", "mp4", url(output)));
        return new Invocation(args, inputs);
    }

    /**
     * @param messages what ffmpeg said
     * @param inputs the files it read, by input index
     * @return the files that ffmpeg's messages name by input index only, such as
     *     {@code "input 1 is /slides/notes.png"}, or an empty list
     */
    public static List<String> namedInputs(List<String> messages, List<Path> inputs) {
        java.util.SortedSet<Integer> seen = new java.util.TreeSet<>();
        for (String message : messages) {
            Matcher m = INPUT_REFERENCE.matcher(message);
            while (m.find()) {
                int index = Integer.parseInt(m.group(1));
                if (index < inputs.size()) {
                    seen.add(index);
                }
            }
        }
        return seen.stream().map(i -> "input " + i + " is " + inputs.get(i)).toList();
    }

    /** @return how many frames at {@code fps} fit in {@code nanos}, to the nearest */
    static long frames(long nanos, int fps) {
        return Math.round(nanos * (double) fps / 1e9);
    }

    /** @return the video's exact length in seconds, as ffmpeg reads it */
    static String seconds(long frames, int fps) {
        return String.format(Locale.ROOT, "%.6f", frames / (double) fps);
    }

    /** A path as a {@code file:} URL, so ffmpeg reads no protocol or option into the name. */
    static String url(Path path) {
        return "file:" + path.toAbsolutePath();
    }

    /**
     * Escapes a value for a filter option inside a filter graph: first for the option parser
     * ({@code \ ' :}), then for the graph parser ({@code \ ' [ ] , ;}), as ffmpeg's filter
     * documentation ("Notes on filtergraph escaping") describes.
     */
    static String filterOption(String value) {
        return escape(escape(value, "\\':"), "\\'[],;");
    }

    private static String escape(String value, String special) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (special.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
