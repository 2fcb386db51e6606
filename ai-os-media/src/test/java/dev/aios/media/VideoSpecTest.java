package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSpecTest {
    @TempDir
    Path dir;

    Path image;

    @BeforeEach
    void slide() throws IOException {
        image = VideoFixtures.slide(dir, "a.png", Color.BLUE, "A", 64, 36);
    }

    @Test
    void theTotalIsTheScenesAddedUpAndTheDefaultsAre720pAt15Fps() {
        VideoSpec spec = VideoSpec.builder().scene(image, Duration.ofMillis(1500)).scene(image, Duration.ofSeconds(2))
                .build();
        assertThat(spec.totalDuration()).isEqualTo(Duration.ofMillis(3500));
        assertThat(List.of(spec.width(), spec.height(), spec.fps())).containsExactly(1280, 720, 15);
        assertThat(spec.narration()).isNull();
        assertThat(spec.subtitles()).isEmpty();
    }

    @Test
    void eachBadPartIsNamed() {
        assertThatThrownBy(() -> VideoSpec.builder().build()).isInstanceOf(MediaException.class)
                .hasMessageContaining("at least one scene");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1)).size(1281, 720).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("even").hasMessageContaining("1281x720")
                .hasMessageContaining("try 1282x720");
        assertThatThrownBy(() -> VideoSpec.builder().scene(dir.resolve("missing.png"), Duration.ofSeconds(1)))
                .isInstanceOf(MediaException.class).hasMessageContaining("missing.png")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(-2)))
                .isInstanceOf(MediaException.class).hasMessageContaining("longer than zero")
                .hasMessageContaining("-2000 ms");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ZERO))
                .isInstanceOf(MediaException.class).hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofMillis(20)).fps(25).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("shorter than one frame");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1)).fps(0).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("fps must be between 1 and 60");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1)).fps(61).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("fps");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1)).music(image, 1.5).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("volume").hasMessageContaining("1.5");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1)).music(image, Double.NaN)
                .build()).isInstanceOf(MediaException.class).hasMessageContaining("volume");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1))
                .narration(dir.resolve("voice.wav")).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("narration").hasMessageContaining("voice.wav");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1))
                .subtitles(List.of(new Subtitle(Duration.ofSeconds(3), Duration.ofSeconds(4), "late"))).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("'late'")
                .hasMessageContaining("after the video's end");
        assertThatThrownBy(() -> VideoSpec.builder().scene(image, Duration.ofSeconds(1)).size(8, 8).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("between 16x16");
    }
}
