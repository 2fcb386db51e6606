package dev.aios.media;

import dev.aios.media.internal.AtomicFiles;
import dev.aios.media.internal.ExternalProgram;
import dev.aios.media.internal.FfmpegProgress;
import dev.aios.media.internal.ProbeReader;
import dev.aios.media.internal.VideoCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes MP4 videos (H.264 and AAC, with subtitles) from still scenes, narration and music, by
 * running the ffmpeg found on the {@code PATH} or at a configured location, and reads videos back
 * with ffprobe. Immutable and safe to share; each {@link #render} is one ffmpeg run.
 *
 * <p>ffmpeg is run as a program rather than linked (as org.bytedeco's FFmpeg artifacts would): the
 * operating system's package is small and maintained there, and the linked natives would add tens
 * of megabytes per platform to every host.
 *
 * {@snippet :
 * Video video = Video.ifInstalled().orElseThrow();
 * Path mp4 = video.render(spec, Path.of("briefing.mp4"), MediaProgress.NONE);
 * VideoProbe probe = video.probe(mp4);
 * }
 */
public final class Video {
    private static final Logger log = LoggerFactory.getLogger(Video.class);
    private static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow", "placebo");
    private static final Pattern SUBTITLES_FILTER = Pattern.compile("(?m)^\\s*\\S+\\s+subtitles\\s");

    /**
     * The x264 preset when none is given: {@code ultrafast}. Measured on a busy 2-core machine (load
     * average 7 to 8), a minute of 720p slides at 15 fps with narration, music and burned-in
     * subtitles took 6 s with ultrafast and 7.5 to 9 s with veryfast (at 25 fps: 7 to 8 s against
     * 13 to 16 s). Its files are about a fifth larger (1.6 against 1.3 MB a minute), and at the same
     * CRF a text slide comes out no worse (SSIM 0.99995 against 0.99977), so speed wins for stills.
     */
    public static final String DEFAULT_PRESET = "ultrafast";
    /** The x264 quality when none is given: 23, x264's own default. */
    public static final int DEFAULT_CRF = 23;
    /** How long one ffmpeg run may take when no timeout is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** How subtitles go into the video. */
    public enum SubtitleMode {
        /**
         * Drawn into the frames, so every player shows them, and also a {@code mov_text} stream that
         * players can search, switch off or read aloud. When ffmpeg lacks libass (its
         * {@code subtitles} filter), only the stream is added and a warning logged.
         */
        BURNED_AND_SOFT,
        /** Only the {@code mov_text} stream: the frames stay clean; players show it when asked. */
        SOFT
    }

    private final ExternalProgram ffmpeg;
    private final ExternalProgram ffprobe;
    private final VideoCommand.Encoding encoding;
    private final Duration timeout;
    private final SubtitleMode subtitleMode;
    private volatile @Nullable Boolean burnsSubtitles;

    private Video(Builder builder) {
        this.ffmpeg = ExternalProgram.require("ffmpeg", builder.ffmpeg, "making video", "ffmpeg");
        this.ffprobe = ExternalProgram.require("ffprobe", builder.ffprobe, "reading video", "ffmpeg");
        this.encoding = new VideoCommand.Encoding(builder.preset, builder.crf, builder.threads);
        this.timeout = builder.timeout;
        this.subtitleMode = builder.subtitleMode;
    }

    /** @return a builder with ffmpeg and ffprobe from the {@code PATH} and the defaults above */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return a video maker with the defaults, or empty when ffmpeg or ffprobe is not on the
     *     {@code PATH} (Debian/Ubuntu: {@code apt-get install ffmpeg})
     */
    public static Optional<Video> ifInstalled() {
        return available() ? Optional.of(builder().build()) : Optional.empty();
    }

    /** @return whether ffmpeg and ffprobe are on the {@code PATH} */
    public static boolean available() {
        return ExternalProgram.find("ffmpeg").isPresent() && ExternalProgram.find("ffprobe").isPresent();
    }

    /**
     * Makes the video in one ffmpeg run and puts it at {@code mp4}, replacing what was there only
     * once the new file is complete.
     *
     * @param spec the scenes, audio and subtitles
     * @param mp4 where the video goes; its directory is created when missing
     * @param progress receives {@code ("encoding video", secondsDone, totalSeconds)}
     * @return {@code mp4}
     * @throws MediaException when the spec or the target is unusable, or ffmpeg fails (the message
     *     holds what ffmpeg said, which names the file it could not read)
     */
    public Path render(VideoSpec spec, Path mp4, MediaProgress progress) {
        if (spec == null || mp4 == null || progress == null) {
            throw MediaException.invalid("render needs a spec, a target file and a progress listener"
                    + " (MediaProgress.NONE for none)");
        }
        Path target = mp4.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw MediaException.invalid("the video's target " + target + " is a directory; name a file");
        }
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        long started = System.nanoTime();
        Path partial = null;
        Path srt = null;
        try {
            Files.createDirectories(dir);
            // beside the target, so the final move is a rename on one file system
            partial = AtomicFiles.tempBeside(mp4);
            if (!spec.subtitles().isEmpty()) {
                String text = Subtitles.srt(spec.subtitles());
                if (!text.isEmpty()) {
                    srt = Files.createTempFile(dir, "." + name + ".", ".srt");
                    Files.writeString(srt, text, StandardCharsets.UTF_8);
                }
            }
            Path burned = srt != null && subtitleMode == SubtitleMode.BURNED_AND_SOFT && burnsSubtitles() ? srt : null;
            VideoCommand.Invocation run = VideoCommand.invocation(spec, encoding, srt, burned, partial);
            double total = spec.totalDuration().toNanos() / 1e9;
            FfmpegProgress listener = new FfmpegProgress(progress, "encoding video", total);
            progress.update("encoding video", 0, total);
            try {
                ffmpeg.run(run.arguments(), null, timeout, listener);
            } catch (MediaException e) {
                // ExternalProgram's message ends with stderr's tail, crowded by progress lines here;
                // keep its headline (exit code or time limit) and say what ffmpeg itself said
                String headline = String.valueOf(e.getMessage());
                List<String> said = listener.lastMessages();
                if (!said.isEmpty() && headline.contains(": ")) {
                    headline = headline.substring(0, headline.indexOf(": "));
                }
                List<String> named = VideoCommand.namedInputs(said, run.inputs());
                throw MediaException.failed("ffmpeg could not make the video " + target + " from "
                        + spec.scenes().size() + " scene(s): " + headline
                        + (said.isEmpty() ? "" : "; it said: " + String.join("; ", said))
                        + (named.isEmpty() ? "" : " (" + String.join("; ", named) + ")"), e);
            }
            AtomicFiles.publish(partial, target);
            log.info("made {} ({} scenes, {} s, {}x{} at {} fps, preset {}) in {} ms", target, spec.scenes().size(),
                    total, spec.width(), spec.height(), spec.fps(), encoding.preset(),
                    (System.nanoTime() - started) / 1_000_000);
            return mp4;
        } catch (IOException e) {
            throw MediaException.failed("could not write the video " + target + ": " + e, e);
        } finally {
            deleteQuietly(partial);
            deleteQuietly(srt);
        }
    }

    /**
     * Reads a video file with ffprobe.
     *
     * @param mp4 the file
     * @return its duration, streams, frame size and codecs
     * @throws MediaException when the file is missing or ffprobe cannot read it
     */
    public VideoProbe probe(Path mp4) {
        if (mp4 == null || !Files.isRegularFile(mp4)) {
            throw MediaException.invalid("there is no video file at " + mp4);
        }
        return ProbeReader.probe(ffprobe, mp4, timeout);
    }

    /** Whether this ffmpeg has the {@code subtitles} filter (libass); asked once. */
    private boolean burnsSubtitles() {
        Boolean known = burnsSubtitles;
        if (known == null) {
            String filters = ffmpeg.run(List.of("-hide_banner", "-filters"), Duration.ofSeconds(30)).stdout();
            known = SUBTITLES_FILTER.matcher(filters).find();
            if (!known) {
                log.warn("{} has no 'subtitles' filter (built without libass): subtitles are added as a stream"
                        + " only, not drawn into the frames", ffmpeg.executable());
            }
            burnsSubtitles = known;
        }
        return known;
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("could not delete the temporary file {}: {}", file, e.toString());
            }
        }
    }

    /** Settings for a {@link Video}; {@link #build()} finds the programs. Not thread-safe. */
    public static final class Builder {
        private @Nullable Path ffmpeg;
        private @Nullable Path ffprobe;
        private String preset = DEFAULT_PRESET;
        private int crf = DEFAULT_CRF;
        private int threads;
        private Duration timeout = DEFAULT_TIMEOUT;
        private SubtitleMode subtitleMode = SubtitleMode.BURNED_AND_SOFT;

        private Builder() {}

        /** Uses the ffmpeg at {@code executable} (null: find it on the {@code PATH}, the default). */
        public Builder ffmpeg(@Nullable Path executable) {
            this.ffmpeg = executable;
            return this;
        }

        /** Uses the ffprobe at {@code executable} (null: find it on the {@code PATH}, the default). */
        public Builder ffprobe(@Nullable Path executable) {
            this.ffprobe = executable;
            return this;
        }

        /**
         * Sets the x264 preset, {@code ultrafast} to {@code placebo}: slower presets make smaller
         * files of the same quality. Default {@value Video#DEFAULT_PRESET}.
         */
        public Builder preset(String preset) {
            this.preset = preset;
            return this;
        }

        /** Sets x264's constant rate factor, 0 (lossless) to 51 (worst). Default {@value Video#DEFAULT_CRF}. */
        public Builder crf(int crf) {
            this.crf = crf;
            return this;
        }

        /** Sets the encoder's threads, 0 (the default) for ffmpeg's choice, one per core. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Sets how long one ffmpeg run may take before it is stopped. Default 10 minutes. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Sets how subtitles go into the video. Default {@link SubtitleMode#BURNED_AND_SOFT}. */
        public Builder subtitles(SubtitleMode mode) {
            this.subtitleMode = mode;
            return this;
        }

        /**
         * @return the video maker
         * @throws MediaException naming the first setting that is wrong, or the program that is
         *     missing and how to install it
         */
        public Video build() {
            if (preset == null || !PRESETS.contains(preset)) {
                throw MediaException.invalid("the x264 preset must be one of " + new java.util.TreeSet<>(PRESETS)
                        + "; got " + preset);
            }
            if (crf < 0 || crf > 51) {
                throw MediaException.invalid("crf must be between 0 and 51; got " + crf);
            }
            if (threads < 0 || threads > 64) {
                throw MediaException.invalid("threads must be between 0 (automatic) and 64; got " + threads);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw MediaException.invalid("the timeout must be positive; got " + timeout);
            }
            if (subtitleMode == null) {
                throw MediaException.invalid("the subtitle mode must be set; got none");
            }
            return new Video(this);
        }
    }
}
