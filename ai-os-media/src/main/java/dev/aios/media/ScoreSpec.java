package dev.aios.media;

import dev.aios.media.internal.MusicalKey;
import java.time.Duration;
import java.util.Arrays;

/**
 * What an original piece of background music should be like: its mood, tempo, key and length,
 * and a seed, so the same spec always gives the same piece and another seed another piece.
 *
 * @param mood the character of the piece, which picks its harmony, rhythm and instruments
 * @param tempoBpm beats (quarter notes) per minute, 40 to 220
 * @param key such as {@code "C major"}, {@code "A minor"}, {@code "F# major"} or {@code "Bb minor"};
 *     stored as written back ({@code "c# min"} becomes {@code "C# minor"})
 * @param length how long the piece lasts, 5 seconds to 10 minutes
 * @param seed chooses among the pieces that fit the rest of the spec
 */
public record ScoreSpec(Mood mood, int tempoBpm, String key, Duration length, long seed) {
    /** The shortest piece: enough for a cadence. */
    public static final Duration MIN_LENGTH = Duration.ofSeconds(5);
    /** The longest piece: longer videos loop or join pieces. */
    public static final Duration MAX_LENGTH = Duration.ofMinutes(10);

    /** The character of a piece. */
    public enum Mood {
        /** Slow, sustained pads and a sparse flute: explainers, reflection. */
        CALM,
        /** Upbeat piano and vibraphone with light drums: launches, good news. */
        BRIGHT,
        /** Steady pulse, arpeggiated electric piano: tutorials, working through data. */
        FOCUSED,
        /** Driving strings in a darker progression: risks, problems, urgency. */
        TENSE,
        /** Rich chords with sevenths and a clarinet: stories, people, thanks. */
        WARM
    }

    /** Checks the spec, naming what is out of range. */
    public ScoreSpec {
        if (mood == null) {
            throw MediaException.invalid("a score needs a mood, one of " + Arrays.toString(Mood.values()));
        }
        if (tempoBpm < 40 || tempoBpm > 220) {
            throw MediaException.invalid("tempo must be between 40 and 220 beats per minute, got " + tempoBpm);
        }
        key = MusicalKey.parse(key).name();
        if (length == null || length.compareTo(MIN_LENGTH) < 0 || length.compareTo(MAX_LENGTH) > 0) {
            throw MediaException.invalid("a score lasts from 5 seconds to 10 minutes, got " + length);
        }
    }

    /**
     * A spec with the tempo and key that suit {@code mood} (CALM: 72 bpm in F major; BRIGHT: 120 in
     * G major; FOCUSED: 100 in D minor; TENSE: 132 in E minor; WARM: 84 in Bb major) and seed 0.
     *
     * @param mood the character of the piece
     * @param length 5 seconds to 10 minutes
     * @return the spec
     */
    public static ScoreSpec of(Mood mood, Duration length) {
        if (mood == null) {
            throw MediaException.invalid("a score needs a mood, one of " + Arrays.toString(Mood.values()));
        }
        return switch (mood) {
            case CALM -> new ScoreSpec(mood, 72, "F major", length, 0);
            case BRIGHT -> new ScoreSpec(mood, 120, "G major", length, 0);
            case FOCUSED -> new ScoreSpec(mood, 100, "D minor", length, 0);
            case TENSE -> new ScoreSpec(mood, 132, "E minor", length, 0);
            case WARM -> new ScoreSpec(mood, 84, "Bb major", length, 0);
        };
    }

    /**
     * Asks for another piece with the same character.
     *
     * @param seed the new seed
     * @return this spec with another seed
     */
    public ScoreSpec withSeed(long seed) {
        return new ScoreSpec(mood, tempoBpm, key, length, seed);
    }
}
