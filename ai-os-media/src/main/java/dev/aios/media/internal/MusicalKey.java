package dev.aios.media.internal;

import dev.aios.media.MediaException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key a score is written in, such as C major or F# minor: its tonic and its mode, parsed from
 * the text a caller or a model gives.
 *
 * @param tonic the tonic's pitch class, 0 (C) to 11 (B)
 * @param minor whether the mode is (natural) minor rather than major
 * @param name the key as written back, such as {@code "F# minor"}
 */
public record MusicalKey(int tonic, boolean minor, String name) {
    /** What {@link #parse} accepts, for error messages. */
    public static final String VALID_FORMS = "a note A to G, optionally with # or b, then major or minor,"
            + " such as 'C major', 'A minor', 'F# major' or 'Bb minor'";

    private static final Pattern FORM = Pattern.compile("([A-Ga-g])\\s*([#\u266Fb\u266D]?)\\s+(major|minor|maj|min)");
    private static final int[] NATURALS = {9, 11, 0, 2, 4, 5, 7}; // A B C D E F G
    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};
    private static final int[] NATURAL_MINOR = {0, 2, 3, 5, 7, 8, 10};

    /** Checks the components. */
    public MusicalKey {
        if (tonic < 0 || tonic > 11) {
            throw MediaException.invalid("a key's tonic is a pitch class from 0 to 11, got " + tonic);
        }
    }

    /**
     * @param text such as {@code "C major"}, {@code "a minor"}, {@code "F# major"}, {@code "Bb minor"}
     * @return the key
     * @throws MediaException listing the valid forms
     */
    public static MusicalKey parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw MediaException.invalid("'" + text + "' is not a key; write " + VALID_FORMS);
        }
        char letter = Character.toUpperCase(m.group(1).charAt(0));
        String accidental = switch (m.group(2)) {
            case "#", "\u266F" -> "#";
            case "b", "\u266D" -> "b";
            default -> "";
        };
        int shift = switch (accidental) {
            case "#" -> 1;
            case "b" -> -1;
            default -> 0;
        };
        int pitchClass = Math.floorMod(NATURALS[letter - 'A'] + shift, 12);
        boolean minor = m.group(3).startsWith("min");
        return new MusicalKey(pitchClass, minor, letter + accidental + (minor ? " minor" : " major"));
    }

    /**
     * @param degree a scale degree counted from 0 (the tonic); 7 is the tonic an octave up,
     *     negative degrees go down
     * @return the degree's distance from the tonic in semitones
     */
    public int semitones(int degree) {
        int[] scale = minor ? NATURAL_MINOR : MAJOR;
        return scale[Math.floorMod(degree, 7)] + 12 * Math.floorDiv(degree, 7);
    }

    /**
     * @return sharps (positive) or flats (negative) in the key signature, -7 to 7, as a MIDI key
     *     signature event carries them
     */
    public int sharps() {
        // the relative major's place on the circle of fifths
        int major = minor ? (tonic + 3) % 12 : tonic;
        int fifths = Math.floorMod(major * 7, 12);
        if (fifths > 6 || (fifths == 6 && name.contains("b"))) {
            fifths -= 12;
        }
        return fifths;
    }

    @Override
    public String toString() {
        return name;
    }
}
