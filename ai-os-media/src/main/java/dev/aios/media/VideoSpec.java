package dev.aios.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a video is made of: still scenes shown one after another, an optional narration and an
 * optional music bed mixed under it, and subtitles. The video lasts as long as its scenes together
 * ({@link #totalDuration()}); the audio is padded with silence or cut to that length.
 *
 * {@snippet :
 * VideoSpec spec = VideoSpec.builder()
 *         .scene(Path.of("slide-1.png"), Duration.ofSeconds(10))
 *         .scene(Path.of("slide-2.png"), Duration.ofSeconds(12))
 *         .narration(Path.of("narration.wav"))
 *         .music(Path.of("music.wav"), 0.25)
 *         .subtitles(Subtitles.fromNarration(script, Duration.ofSeconds(22)))
 *         .size(1280, 720)
 *         .build();
 * }
 *
 * @param scenes the images in order, at least one
 * @param narration a WAV (or other audio ffmpeg reads) spoken over the video, or null
 * @param music a WAV played under the narration, or null
 * @param musicVolume the music's gain, 0 (silent) to 1 (as recorded); ducked further while the
 *     narration speaks
 * @param subtitles cues to show, each starting before the video ends; may be empty
 * @param width frame width in pixels, even (H.264's 4:2:0 chroma halves it), 16 to 7680
 * @param height frame height in pixels, even, 16 to 4320
 * @param fps frames per second, 1 to 60; each scene must last at least one frame
 */
public record VideoSpec(List<Scene> scenes, @Nullable Path narration, @Nullable Path music, double musicVolume,
        List<Subtitle> subtitles, int width, int height, int fps) {

    /** The frame width and height when none is given: 1280 by 720. */
    public static final int DEFAULT_WIDTH = 1280;
    /** See {@link #DEFAULT_WIDTH}. */
    public static final int DEFAULT_HEIGHT = 720;
    /**
     * The frame rate when none is given: 15. Stills do not move, so the rate only sets how finely
     * scene cuts and subtitle cues are placed (67 ms), while every frame costs time to draw the
     * burned-in subtitles and to encode: on a busy 2-core machine a minute of 720p with subtitles
     * took 6 s at 15 fps and 7 to 8 s at 25 with the ultrafast preset (7.5 to 9 s against 13 to 16 s
     * with veryfast). Ask for 25 or 30 where a site wants a film rate.
     */
    public static final int DEFAULT_FPS = 15;
    /** The music's gain when {@link Builder#music(Path)} names none: a bed under the voice. */
    public static final double DEFAULT_MUSIC_VOLUME = 0.25;

    /** Validates every part and copies the lists. */
    public VideoSpec {
        if (scenes == null || scenes.isEmpty()) {
            throw MediaException.invalid("a video needs at least one scene (an image and a duration); got none");
        }
        scenes = List.copyOf(scenes);
        subtitles = subtitles == null ? List.of() : List.copyOf(subtitles);
        if (width < 16 || width > 7680 || height < 16 || height > 4320) {
            throw MediaException.invalid("the frame size must be between 16x16 and 7680x4320; got "
                    + width + "x" + height);
        }
        if (width % 2 != 0 || height % 2 != 0) {
            throw MediaException.invalid("the frame's width and height must be even (H.264 stores colour at half"
                    + " resolution); got " + width + "x" + height + ", try " + (width + width % 2) + "x"
                    + (height + height % 2));
        }
        if (fps < 1 || fps > 60) {
            throw MediaException.invalid("fps must be between 1 and 60; got " + fps);
        }
        if (!(musicVolume >= 0 && musicVolume <= 1)) {
            throw MediaException.invalid("the music's volume must be between 0 and 1; got " + musicVolume);
        }
        checkAudio(narration, "narration");
        checkAudio(music, "music");
        Duration frame = Duration.ofNanos(1_000_000_000L / fps);
        Duration total = Duration.ZERO;
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            if (scene == null) {
                throw MediaException.invalid("scene " + (i + 1) + " is missing (null)");
            }
            if (scene.duration().compareTo(frame) < 0) {
                throw MediaException.invalid("scene " + (i + 1) + " (" + scene.image() + ") lasts "
                        + scene.duration().toMillis() + " ms, shorter than one frame at " + fps + " fps");
            }
            total = total.plus(scene.duration());
        }
        for (Subtitle subtitle : subtitles) {
            if (subtitle == null) {
                throw MediaException.invalid("a subtitle in the list is missing (null)");
            }
            if (subtitle.start().compareTo(total) >= 0) {
                throw MediaException.invalid("the subtitle '" + subtitle.text().strip() + "' starts at "
                        + subtitle.start().toMillis() + " ms, after the video's end at " + total.toMillis() + " ms");
            }
        }
    }

    private static void checkAudio(@Nullable Path file, String what) {
        if (file != null && !Files.isRegularFile(file)) {
            throw MediaException.invalid("the " + what + " file " + file + " does not exist or is not a file");
        }
    }

    /** @return how long the video lasts: the scenes' durations added up */
    public Duration totalDuration() {
        return scenes.stream().map(Scene::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** @return a builder with no scenes, no audio, no subtitles, 1280x720 at 15 fps */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the parts of a {@link VideoSpec}; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private final List<Scene> scenes = new ArrayList<>();
        private @Nullable Path narration;
        private @Nullable Path music;
        private double musicVolume = DEFAULT_MUSIC_VOLUME;
        private List<Subtitle> subtitles = List.of();
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private int fps = DEFAULT_FPS;

        private Builder() {}

        /** Adds a scene: {@code image} shown for {@code duration}, after the scenes added before. */
        public Builder scene(Path image, Duration duration) {
            scenes.add(new Scene(image, duration));
            return this;
        }

        /** Adds scenes in order, after those added before. */
        public Builder scenes(List<Scene> more) {
            scenes.addAll(more);
            return this;
        }

        /** Sets the narration, spoken over the video (null for none). */
        public Builder narration(@Nullable Path wav) {
            this.narration = wav;
            return this;
        }

        /** Sets the music at {@link #DEFAULT_MUSIC_VOLUME} (null for none). */
        public Builder music(@Nullable Path wav) {
            return music(wav, DEFAULT_MUSIC_VOLUME);
        }

        /** Sets the music and its gain, 0 to 1 (null for no music). */
        public Builder music(@Nullable Path wav, double volume) {
            this.music = wav;
            this.musicVolume = volume;
            return this;
        }

        /** Sets the subtitles, replacing any set before. */
        public Builder subtitles(List<Subtitle> cues) {
            this.subtitles = cues;
            return this;
        }

        /** Sets the frame size in pixels; both even. Default 1280x720. */
        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /** Sets the frame rate, 1 to 60. Default {@value VideoSpec#DEFAULT_FPS}. */
        public Builder fps(int fps) {
            this.fps = fps;
            return this;
        }

        /**
         * @return the spec
         * @throws MediaException naming the first part that is wrong
         */
        public VideoSpec build() {
            return new VideoSpec(scenes, narration, music, musicVolume, subtitles, width, height, fps);
        }
    }
}
