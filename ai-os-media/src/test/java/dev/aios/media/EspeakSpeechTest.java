package dev.aios.media;

import static dev.aios.media.AudioChecks.assertAudible;
import static dev.aios.media.AudioChecks.readableLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EspeakSpeechTest {
    @TempDir
    Path dir;

    private static EspeakSpeech installed() {
        var speech = EspeakSpeech.ifInstalled();
        Assumptions.assumeTrue(speech.isPresent(),
                "espeak-ng is not on the PATH; .ci/debian-install installs it (apt-get install espeak-ng)");
        return speech.orElseThrow();
    }

    @Test
    void speaksASentenceAtAPlausibleLength() {
        String sentence = "The quarterly report shows steady growth in every region we serve.";
        EspeakSpeech speech = installed();

        Path wav = speech.speak(sentence, dir.resolve("sentence.wav"));

        assertAudible(wav);
        double expected = sentence.split(" ").length * 60.0 / speech.wordsPerMinute();
        double seconds = readableLength(wav).toMillis() / 1000.0;
        assertThat(seconds).isBetween(0.5 * expected, 2 * expected);
        assertThat(Audio.duration(wav)).isEqualTo(readableLength(wav));
    }

    @Test
    void speaksTextBeyondAscii() {
        EspeakSpeech speech = installed();
        EspeakSpeech german = EspeakSpeech.builder().voice("de").build();

        assertAudible(speech.speak("A naïve café résumé \u2014 déjà vu.", dir.resolve("accents.wav")));
        assertAudible(german.speak("Größere Übersicht für Änderungen.", dir.resolve("german.wav")));
    }

    @Test
    void aFasterVoiceTakesLessTime() {
        String text = "One two three four five six seven eight nine ten eleven twelve.";
        installed();
        Path slow = EspeakSpeech.builder().wordsPerMinute(120).build().speak(text, dir.resolve("slow.wav"));
        Path fast = EspeakSpeech.builder().wordsPerMinute(300).build().speak(text, dir.resolve("fast.wav"));

        assertThat(readableLength(fast)).isLessThan(readableLength(slow).multipliedBy(3).dividedBy(4));
    }

    @Test
    void textThatLooksLikeOptionsOrShellIsSpokenNotObeyed() throws Exception {
        EspeakSpeech speech = installed();
        Path elsewhere = dir.resolve("elsewhere.wav");

        Path options = speech.speak("-v fr --help -w " + elsewhere + " -m <speak>hello</speak>",
                dir.resolve("options.wav"));
        Path shell = speech.speak("$(touch " + dir.resolve("pwned") + "); `rm -rf " + dir + "` | cat && echo > x",
                dir.resolve("shell.wav"));

        assertAudible(options);
        assertAudible(shell);
        // read out, option by option, it takes seconds; a help text or a failure would not
        assertThat(readableLength(options)).isGreaterThan(Duration.ofSeconds(2));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("options.wav",
                    "shell.wav");
        }
    }

    @Test
    void controlCharactersAreDroppedAndBlankTextIsRefused() {
        assertThat(EspeakSpeech.clean("Hello\u0000 wor\u001bld\u0007\n")).isEqualTo("Hello  wor ld");
        assertThatThrownBy(() -> EspeakSpeech.clean("  \n\t ")).isInstanceOf(MediaException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> EspeakSpeech.clean("\u0000\u0007")).isInstanceOf(MediaException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> EspeakSpeech.clean("a".repeat(EspeakSpeech.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(MediaException.class).hasMessageContaining("split it");
    }

    @Test
    void blankTextFailsBeforeEspeakRuns() {
        EspeakSpeech speech = installed();

        assertThatThrownBy(() -> speech.speak("   ", dir.resolve("blank.wav"))).isInstanceOf(MediaException.class)
                .hasMessageContaining("empty");
        assertThat(dir.resolve("blank.wav")).doesNotExist();
    }

    @Test
    void aMissingProgramIsNamed() {
        Path absent = dir.resolve("bin/espeak-ng");

        assertThatThrownBy(() -> EspeakSpeech.builder().program(absent).build()).isInstanceOf(MediaException.class)
                .hasMessageContaining("espeak-ng").hasMessageContaining(absent.toString());
    }

    @Test
    void settingsOutOfRangeAreNamed() {
        assertThatThrownBy(() -> EspeakSpeech.builder().wordsPerMinute(20).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("words per minute").hasMessageContaining("20");
        assertThatThrownBy(() -> EspeakSpeech.builder().pitch(120).build()).isInstanceOf(MediaException.class)
                .hasMessageContaining("pitch");
        assertThatThrownBy(() -> EspeakSpeech.builder().voice("-x").build()).isInstanceOf(MediaException.class)
                .hasMessageContaining("voice '-x'");
        assertThatThrownBy(() -> EspeakSpeech.builder().voice("../../etc/passwd").build())
                .isInstanceOf(MediaException.class).hasMessageContaining("voice");
    }

    @Test
    void anUnknownVoiceFailsWithWhatEspeakSaid() {
        installed();
        EspeakSpeech speech = EspeakSpeech.builder().voice("nosuchvoice").build();

        assertThatThrownBy(() -> speech.speak("hello", dir.resolve("hello.wav"))).isInstanceOf(MediaException.class)
                .hasMessageContaining("espeak-ng").hasMessageContaining("voice does not exist");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
