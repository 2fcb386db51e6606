package dev.aios.media;

import static dev.aios.media.AudioChecks.assertAudible;
import static dev.aios.media.AudioChecks.readableLength;
import static dev.aios.media.AudioChecks.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTest {
    @TempDir
    Path dir;

    @Test
    void measuresTheLengthAndLevelOfASineWave() throws Exception {
        Path tone = sine(dir.resolve("tone.wav"), 440, 0.5, Duration.ofMillis(1500), 44_100f, 2);

        assertThat(Audio.duration(tone)).isEqualTo(Duration.ofMillis(1500));
        // a sine's RMS is its amplitude over the square root of two
        assertThat(Audio.rms(tone)).isCloseTo(0.5 / Math.sqrt(2), within(0.005));
        assertAudible(tone);
    }

    @Test
    void silenceIsSilentAndTheAudibilityCheckRejectsIt() {
        Path quiet = Audio.silence(Duration.ofSeconds(2), dir.resolve("quiet.wav"));

        assertThat(readableLength(quiet)).isEqualTo(Duration.ofSeconds(2));
        assertThat(AudioChecks.format(quiet).matches(Audio.CD_QUALITY)).isTrue();
        assertThat(Audio.rms(quiet)).isZero();
        // the check the narration and music tests rely on must be able to fail
        assertThatThrownBy(() -> assertAudible(quiet)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RMS of");
    }

    @Test
    void joinsFilesEndToEndConvertingToTheFirstOnesFormat() throws Exception {
        Path music = sine(dir.resolve("music.wav"), 220, 0.3, Duration.ofSeconds(1), 44_100f, 2);
        Path gap = Audio.silence(Duration.ofMillis(500), dir.resolve("gap.wav"));
        // mono at half the rate, as espeak-ng writes narration
        Path voice = sine(dir.resolve("voice.wav"), 300, 0.3, Duration.ofSeconds(2), 22_050f, 1);

        Path joined = Audio.concat(List.of(music, gap, voice), dir.resolve("joined.wav"));

        assertThat(readableLength(joined).toMillis()).isCloseTo(3500, within(5L));
        assertThat(AudioChecks.format(joined).matches(Audio.CD_QUALITY)).isTrue();
        assertAudible(joined);
    }

    @Test
    void padsShortAudioWithSilenceAndCutsLongAudioWithAFade() throws Exception {
        Path tone = sine(dir.resolve("tone.wav"), 440, 0.5, Duration.ofSeconds(2), 22_050f, 1);

        Path padded = Audio.fit(tone, Duration.ofSeconds(5), dir.resolve("padded.wav"));
        Path cut = Audio.fit(tone, Duration.ofMillis(1200), dir.resolve("cut.wav"));

        assertThat(readableLength(padded)).isEqualTo(Duration.ofSeconds(5));
        assertThat(readableLength(cut)).isEqualTo(Duration.ofMillis(1200));
        // two seconds of tone in five: the level drops by the square root of the share
        assertThat(Audio.rms(padded)).isCloseTo(Audio.rms(tone) * Math.sqrt(2 / 5.0), within(0.005));
        assertThat(lastSample(cut)).as("a cut ends faded to silence").isLessThan(100);
        assertThat(AudioChecks.format(cut).getSampleRate()).isEqualTo(22_050f);
    }

    @Test
    void fitsAFileInPlace() throws Exception {
        Path tone = sine(dir.resolve("tone.wav"), 440, 0.5, Duration.ofSeconds(1), 44_100f, 2);

        Audio.fit(tone, Duration.ofSeconds(3), tone);

        assertThat(readableLength(tone)).isEqualTo(Duration.ofSeconds(3));
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(tone);
        }
    }

    @Test
    void aTextFilePassedAsWavFailsNamingTheFile() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.wav"), "these are notes, not audio\n".repeat(20));

        assertThatThrownBy(() -> Audio.duration(notes)).isInstanceOf(MediaException.class)
                .hasMessageContaining(notes.toString()).hasMessageContaining("not a readable WAV file");
        assertThatThrownBy(() -> Audio.rms(notes)).isInstanceOf(MediaException.class)
                .hasMessageContaining(notes.toString());
        assertThatThrownBy(() -> Audio.concat(List.of(notes), dir.resolve("out.wav")))
                .isInstanceOf(MediaException.class).hasMessageContaining(notes.toString());
        assertThat(dir.resolve("out.wav")).doesNotExist();
    }

    @Test
    void anotherAudioFileTypeAMissingFileAndBadLengthsAreRefused() throws Exception {
        Path au = dir.resolve("tone.au");
        AudioFormat format = new AudioFormat(8_000f, 16, 1, true, true);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(new byte[1600]), format, 800),
                AudioFileFormat.Type.AU, au.toFile());

        assertThatThrownBy(() -> Audio.duration(au)).isInstanceOf(MediaException.class)
                .hasMessageContaining(au.toString()).hasMessageContaining("not a WAV file");
        assertThatThrownBy(() -> Audio.duration(dir.resolve("absent.wav"))).isInstanceOf(MediaException.class)
                .hasMessageContaining("absent.wav");
        assertThatThrownBy(() -> Audio.silence(Duration.ofSeconds(-1), dir.resolve("x.wav")))
                .isInstanceOf(MediaException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Audio.concat(List.of(), dir.resolve("x.wav")))
                .isInstanceOf(MediaException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Audio.silence(Duration.ofDays(1), dir.resolve("x.wav")))
                .isInstanceOf(MediaException.class).hasMessageContaining("too long");
    }

    private static int lastSample(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] pcm = in.readAllBytes();
            return Math.abs((short) ((pcm[pcm.length - 2] & 0xff) | (pcm[pcm.length - 1] << 8)));
        }
    }
}
