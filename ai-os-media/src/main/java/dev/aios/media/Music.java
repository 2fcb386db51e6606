package dev.aios.media;

import dev.aios.media.internal.AtomicFiles;
import dev.aios.media.internal.Composer;
import dev.aios.media.internal.OfflineRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;

/**
 * Original background music, made on the machine: a short score composed from a
 * {@link ScoreSpec} (mood, tempo, key, length, seed), written as a standard MIDI file, and
 * rendered offline to WAV by the JDK's own software synthesizer, with no sound card and no
 * download.
 *
 * {@snippet :
 * ScoreSpec spec = ScoreSpec.of(ScoreSpec.Mood.WARM, Duration.ofSeconds(45));
 * Path wav = Music.compose(spec, dir.resolve("score.mid"), dir.resolve("score.wav"), MediaProgress.NONE);
 * }
 *
 * <p>Rendering needs the JVM option {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}:
 * the synthesizer's offline entry point is in a package the JDK does not export. Without it,
 * {@link #renderWav} fails with a message that says so; composing and writing MIDI need nothing.
 * The JDK's synthesizer makes its General MIDI instruments on first use (and caches them in
 * {@code ~/.gervill}); they are plain but every instrument is there.
 */
public final class Music {
    /**
     * What {@link #renderWav} adds after the sequence's end, fading to silence, so the last notes
     * ring out and the file still has a known length.
     */
    public static final Duration RELEASE_TAIL = Duration.ofMillis(500);

    private Music() {}

    /**
     * Composes an original piece: chords, bass and melody tracks (and light drums for BRIGHT,
     * FOCUSED and TENSE), a chord progression chosen by mood in the key, a melody from the scale
     * with seeded randomness, a swell and fade in loudness, and a V-I cadence at the end. The
     * same spec always gives the same notes.
     *
     * @param spec what the piece should be like
     * @return a sequence at 480 ticks a quarter note, lasting {@code spec.length()}
     */
    public static Sequence compose(ScoreSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return Composer.compose(spec);
    }

    /**
     * Writes {@code sequence} as a standard MIDI file of type 1 (one track per part), atomically.
     *
     * @param sequence the music, such as {@link #compose(ScoreSpec)} makes
     * @param file where to write it, usually ending in {@code .mid}
     * @return {@code file}
     * @throws MediaException when the sequence cannot be written as type 1 or the file cannot be written
     */
    public static Path writeMidi(Sequence sequence, Path file) {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(file, "file");
        if (!MidiSystem.isFileTypeSupported(1, sequence)) {
            throw MediaException.invalid("this sequence cannot be written as a type 1 MIDI file (it has "
                    + sequence.getTracks().length + " tracks and division " + sequence.getDivisionType() + ")");
        }
        // written beside the target and moved into place: a reader never sees half a file
        return AtomicFiles.write(file, out -> MidiSystem.write(sequence, 1, out));
    }

    /**
     * Renders {@code sequence} offline to a WAV file: 44.1 kHz, 16-bit, stereo, lasting exactly the
     * sequence's length plus {@link #RELEASE_TAIL} (over which it fades out). Runs as fast as the
     * CPU allows; nothing is played.
     *
     * @param sequence the music, such as {@link #compose(ScoreSpec)} makes
     * @param wavFile where to write the audio
     * @param progress told the seconds rendered, as stage {@code "rendering music"}
     * @return {@code wavFile}
     * @throws MediaException when the JVM lacks
     *     {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED} (the message says
     *     so), or the file cannot be written
     */
    public static Path renderWav(Sequence sequence, Path wavFile, MediaProgress progress) {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(wavFile, "wavFile");
        Objects.requireNonNull(progress, "progress");
        return OfflineRenderer.render(sequence, wavFile, RELEASE_TAIL, progress);
    }

    /**
     * Composes {@code spec}, writes it to {@code midiFile} and renders it to {@code wavFile}.
     *
     * @param spec what the piece should be like
     * @param midiFile where to write the score
     * @param wavFile where to write the audio
     * @param progress told the seconds rendered
     * @return {@code wavFile}
     * @throws MediaException as {@link #writeMidi} and {@link #renderWav} do
     */
    public static Path compose(ScoreSpec spec, Path midiFile, Path wavFile, MediaProgress progress) {
        Sequence sequence = compose(spec);
        writeMidi(sequence, midiFile);
        return renderWav(sequence, wavFile, progress);
    }
}
