package dev.aios.media;

import static dev.aios.media.AudioChecks.assertAudible;
import static dev.aios.media.AudioChecks.readableLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aios.media.ScoreSpec.Mood;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicTest {
    private static final List<String> KEYS = List.of("C major", "A minor", "F# major", "Bb minor", "Eb major",
            "G# minor");

    @TempDir
    Path dir;

    @Test
    void aComposedScoreReadsBackAsTheSpecAsked() throws Exception {
        ScoreSpec spec = new ScoreSpec(Mood.BRIGHT, 132, "D major", Duration.ofSeconds(30), 7);

        Path midi = Music.writeMidi(Music.compose(spec), dir.resolve("score.mid"));

        assertThat(MidiSystem.getMidiFileFormat(midi.toFile()).getType()).isEqualTo(1);
        Sequence read = MidiSystem.getSequence(midi.toFile());
        // conductor, chords, bass, melody, drums
        assertThat(read.getTracks()).hasSize(5);
        assertThat(tempos(read)).singleElement().satisfies(bpm -> assertThat(bpm).isCloseTo(132, within(0.01)));
        assertThat(notes(read, -1)).hasSizeGreaterThan(100);
        assertThat(programs(read)).containsKeys(0, 1, 2);
        assertThat(read.getMicrosecondLength() / 1e6).isCloseTo(30, within(30 * 0.05));
        assertThat(keySignature(read)).containsExactly(2, 0); // D major: two sharps
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedOtherNotes() throws Exception {
        ScoreSpec spec = new ScoreSpec(Mood.WARM, 84, "Bb major", Duration.ofSeconds(40), 42);

        byte[] once = Files.readAllBytes(Music.writeMidi(Music.compose(spec), dir.resolve("a.mid")));
        byte[] again = Files.readAllBytes(Music.writeMidi(Music.compose(spec), dir.resolve("b.mid")));
        Sequence other = MidiSystem.getSequence(
                Music.writeMidi(Music.compose(spec.withSeed(43)), dir.resolve("c.mid")).toFile());

        assertThat(again).isEqualTo(once);
        Sequence first = MidiSystem.getSequence(dir.resolve("a.mid").toFile());
        assertThat(notes(other, 2)).isNotEqualTo(notes(first, 2));
    }

    @Test
    void everyMoodAndKeyComposesInTheKeyAndAtTheLengthAsked() {
        for (Mood mood : Mood.values()) {
            for (String key : KEYS) {
                for (int tempo : new int[] {40, 220}) {
                    for (Duration length : List.of(ScoreSpec.MIN_LENGTH, Duration.ofSeconds(47),
                            ScoreSpec.MAX_LENGTH)) {
                        ScoreSpec spec = new ScoreSpec(mood, tempo, key, length, mood.ordinal() * 1000L + tempo);
                        Sequence sequence = Music.compose(spec);
                        String what = spec.toString();
                        double seconds = sequence.getMicrosecondLength() / 1e6;
                        assertThat(seconds).as(what).isCloseTo(length.toSeconds(), within(length.toSeconds() * 0.05));
                        assertThat(sequence.getTracks().length).as(what).isGreaterThanOrEqualTo(4);
                        assertThat(notes(sequence, 2)).as(what).isNotEmpty();
                        assertThat(notes(sequence, 1)).as(what).isNotEmpty();
                        assertThat(notes(sequence, 0)).as(what).isNotEmpty();
                        Set<Integer> allowed = pitchClasses(key);
                        for (int channel = 0; channel <= 2; channel++) {
                            for (long[] note : notes(sequence, channel)) {
                                assertThat(allowed).as("%s channel %d pitch %d", what, channel, note[1])
                                        .contains((int) (note[1] % 12));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void badSpecsAreRefusedNamingWhatIsWrong() {
        Duration minute = Duration.ofMinutes(1);
        assertThatThrownBy(() -> new ScoreSpec(Mood.CALM, 30, "C major", minute, 0))
                .isInstanceOf(MediaException.class).hasMessageContaining("tempo").hasMessageContaining("30");
        assertThatThrownBy(() -> new ScoreSpec(Mood.CALM, 90, "H major", minute, 0))
                .isInstanceOf(MediaException.class).hasMessageContaining("'H major' is not a key")
                .hasMessageContaining("F# major");
        assertThatThrownBy(() -> new ScoreSpec(Mood.CALM, 90, "C dorian", minute, 0))
                .isInstanceOf(MediaException.class).hasMessageContaining("major or minor");
        assertThatThrownBy(() -> new ScoreSpec(Mood.CALM, 90, "C major", Duration.ofSeconds(2), 0))
                .isInstanceOf(MediaException.class).hasMessageContaining("5 seconds to 10 minutes");
        assertThatThrownBy(() -> new ScoreSpec(null, 90, "C major", minute, 0))
                .isInstanceOf(MediaException.class).hasMessageContaining("CALM");
        assertThat(new ScoreSpec(Mood.TENSE, 90, " c# min ", minute, 0).key()).isEqualTo("C# minor");
        assertThat(ScoreSpec.of(Mood.WARM, minute).key()).isEqualTo("Bb major");
    }

    @Test
    void rendersToAWavAsLongAsTheScorePlusItsTail() throws Exception {
        Sequence sequence = Music.compose(new ScoreSpec(Mood.FOCUSED, 100, "D minor", Duration.ofSeconds(20), 3));
        List<Double> seen = new ArrayList<>();

        Path wav = Music.renderWav(sequence, dir.resolve("score.wav"), (stage, done, total) -> {
            assertThat(stage).isEqualTo("rendering music");
            seen.add(done);
        });

        double expected = sequence.getMicrosecondLength() / 1e6;
        double seconds = readableLength(wav).toNanos() / 1e9;
        assertThat(seconds).isCloseTo(expected, within(expected * 0.05));
        assertThat(seconds).isCloseTo(expected + Music.RELEASE_TAIL.toMillis() / 1000.0, within(0.001));
        assertThat(AudioChecks.format(wav).matches(Audio.CD_QUALITY)).isTrue();
        assertAudible(wav);
        assertThat(Audio.rms(wav)).isGreaterThan(0.02);
        assertThat(seen).hasSizeGreaterThan(20).isSorted();
        assertThat(seen.getLast()).isCloseTo(seconds, within(0.001));
    }

    @Test
    void composeWritesBothFiles() {
        Path wav = Music.compose(ScoreSpec.of(Mood.CALM, Duration.ofSeconds(8)), dir.resolve("calm.mid"),
                dir.resolve("calm.wav"), MediaProgress.NONE);

        assertThat(dir.resolve("calm.mid")).isNotEmptyFile();
        assertAudible(wav);
    }

    @Test
    void withoutTheExportRenderingSaysWhichOptionToAdd() throws Exception {
        // a JVM started without the option, as a host's might be
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), WithoutExports.class.getName(),
                dir.resolve("x.wav").toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("MediaException")
                .contains("--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED");
        assertThat(dir.resolve("x.wav")).doesNotExist();
    }

    /** Renders in a JVM that does not export Gervill's package, printing the failure. */
    static final class WithoutExports {
        public static void main(String[] args) {
            try {
                Music.renderWav(Music.compose(ScoreSpec.of(Mood.CALM, Duration.ofSeconds(5))), Path.of(args[0]),
                        MediaProgress.NONE);
                System.out.println("rendered without the export");
            } catch (MediaException e) {
                System.out.println("MediaException: " + e.getMessage());
            }
        }
    }

    private static List<Double> tempos(Sequence sequence) {
        List<Double> bpm = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof MetaMessage meta && meta.getType() == 0x51) {
                    byte[] d = meta.getData();
                    int micros = ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
                    bpm.add(60_000_000.0 / micros);
                }
            }
        }
        return bpm;
    }

    private static List<Integer> keySignature(Sequence sequence) {
        for (int i = 0; i < sequence.getTracks()[0].size(); i++) {
            if (sequence.getTracks()[0].get(i).getMessage() instanceof MetaMessage meta && meta.getType() == 0x59) {
                return List.of((int) meta.getData()[0], (int) meta.getData()[1]);
            }
        }
        return List.of();
    }

    /** @return {tick, pitch} of each note-on on {@code channel} (-1: all) */
    private static List<long[]> notes(Sequence sequence, int channel) {
        List<long[]> notes = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent event = track.get(i);
                if (event.getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON
                        && m.getData2() > 0 && (channel < 0 || m.getChannel() == channel)) {
                    notes.add(new long[] {event.getTick(), m.getData1()});
                }
            }
        }
        return notes;
    }

    private static java.util.Map<Integer, Integer> programs(Sequence sequence) {
        java.util.Map<Integer, Integer> programs = new java.util.HashMap<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof ShortMessage m
                        && m.getCommand() == ShortMessage.PROGRAM_CHANGE) {
                    programs.put(m.getChannel(), m.getData1());
                }
            }
        }
        return programs;
    }

    /** The key's scale, plus the leading tone a minor key's V chord borrows. */
    private static Set<Integer> pitchClasses(String key) {
        String[] parts = key.split(" ");
        int tonic = switch (parts[0]) {
            case "C" -> 0;
            case "A" -> 9;
            case "F#" -> 6;
            case "Bb" -> 10;
            case "Eb" -> 3;
            case "G#" -> 8;
            default -> throw new IllegalArgumentException(key);
        };
        int[] steps = parts[1].equals("major") ? new int[] {0, 2, 4, 5, 7, 9, 11}
                : new int[] {0, 2, 3, 5, 7, 8, 10, 11};
        Set<Integer> classes = new HashSet<>();
        for (int step : steps) {
            classes.add((tonic + step) % 12);
        }
        return classes;
    }
}
