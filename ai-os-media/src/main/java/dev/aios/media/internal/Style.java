package dev.aios.media.internal;

import dev.aios.media.ScoreSpec.Mood;

/**
 * How a mood sounds: its chord progressions (scale degrees from 0, one chord a slot), instruments
 * (General MIDI programs), accompaniment figures, melodic rhythms and loudness.
 */
final class Style {
    /** How the chords track plays each chord. */
    enum ChordPattern { SUSTAIN, STABS, ARPEGGIO, TREMOLO }

    /** What the bass plays within a chord. */
    enum BassFigure { ROOT, ROOT_FIFTH, OCTAVES }

    final int[][] progressions;
    final int chordsProgram;
    final int bassProgram;
    final int melodyProgram;
    final ChordPattern chordPattern;
    final BassFigure bassFigure;
    final int bassStep; // ticks between bass notes
    final int[] melodyRhythm; // note lengths in eighths to draw from
    final double rest; // chance that a melody note is a rest
    final boolean sevenths;
    final boolean drums;
    final boolean snare;
    final double loudness;

    private Style(int[][] progressions, int chordsProgram, int bassProgram, int melodyProgram,
            ChordPattern chordPattern, BassFigure bassFigure, int bassStep, int[] melodyRhythm, double rest,
            boolean sevenths, boolean drums, boolean snare, double loudness) {
        this.progressions = progressions;
        this.chordsProgram = chordsProgram;
        this.bassProgram = bassProgram;
        this.melodyProgram = melodyProgram;
        this.chordPattern = chordPattern;
        this.bassFigure = bassFigure;
        this.bassStep = bassStep;
        this.melodyRhythm = melodyRhythm;
        this.rest = rest;
        this.sevenths = sevenths;
        this.drums = drums;
        this.snare = snare;
        this.loudness = loudness;
    }

    static Style of(Mood mood) {
        int q = Composer.PPQ;
        return switch (mood) {
            // I vi IV V or I IV vi V; warm pad, acoustic bass, flute; long notes, room to breathe
            case CALM -> new Style(new int[][] {{0, 5, 3, 4}, {0, 3, 5, 4}}, 89, 32, 73, ChordPattern.SUSTAIN,
                    BassFigure.ROOT, 4 * q, new int[] {2, 4, 4, 6}, 0.2, false, false, false, 0.75);
            // I V vi IV or I IV V IV; piano stabs, finger bass in octaves, vibraphone; drums
            case BRIGHT -> new Style(new int[][] {{0, 4, 5, 3}, {0, 3, 4, 3}}, 0, 33, 11, ChordPattern.STABS,
                    BassFigure.OCTAVES, q, new int[] {1, 2, 2, 3}, 0.1, false, true, true, 1.0);
            // vi IV I V or I vi ii V; electric piano arpeggios, synth bass in eighths, marimba; hi-hat
            case FOCUSED -> new Style(new int[][] {{5, 3, 0, 4}, {0, 5, 1, 4}}, 4, 38, 12, ChordPattern.ARPEGGIO,
                    BassFigure.ROOT, q / 2, new int[] {2, 2, 4}, 0.15, true, true, false, 0.9);
            // i VII VI V (descending) or i iv i V; string tremolo, contrabass, violin; drums
            case TENSE -> new Style(new int[][] {{0, 6, 5, 4}, {0, 3, 0, 4}}, 48, 43, 40, ChordPattern.TREMOLO,
                    BassFigure.ROOT_FIFTH, q / 2, new int[] {1, 1, 2, 3}, 0.1, false, true, true, 1.0);
            // I IV ii V or I iii IV V; slow strings with sevenths, acoustic bass, clarinet
            case WARM -> new Style(new int[][] {{0, 3, 1, 4}, {0, 2, 3, 4}}, 49, 32, 71, ChordPattern.SUSTAIN,
                    BassFigure.ROOT_FIFTH, 2 * q, new int[] {2, 3, 4}, 0.15, true, false, false, 0.85);
        };
    }
}
