package dev.aios.media.internal;

import dev.aios.media.MediaException;
import dev.aios.media.ScoreSpec;
import dev.aios.media.internal.Style.ChordPattern;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/**
 * Writes an original short piece from a {@link ScoreSpec}: a chord progression that suits the
 * mood, in the key, laid out in sections (A A B A ...) and closed by a V-I cadence; a bass line on
 * the chord roots; a chords track (pad, stabs, arpeggio or tremolo by mood); a melody walking the
 * scale with chord tones on strong beats, repeated where a section repeats; light drums for the
 * livelier moods; and a swell and fade in loudness across the piece. Everything random comes from
 * one {@link Random} per part seeded from the spec, so a spec always gives the same notes.
 */
public final class Composer {
    /** Ticks per quarter note. */
    static final int PPQ = 480;

    private static final int CHORDS = 0;
    private static final int BASS = 1;
    private static final int MELODY = 2;
    private static final int DRUMS = 9; // General MIDI percussion channel

    private final ScoreSpec spec;
    private final MusicalKey key;
    private final Style style;
    private final long totalTicks;
    private final int slotTicks;
    private final int[] chords; // scale degree of the chord in each slot

    private Composer(ScoreSpec spec) {
        this.spec = spec;
        this.key = MusicalKey.parse(spec.key());
        this.style = Style.of(spec.mood());
        double beats = spec.length().toNanos() / 1e9 * spec.tempoBpm() / 60.0;
        this.totalTicks = Math.round(beats * PPQ);
        // a bar per chord when there is room, else shorter, so even 5 seconds ends on a cadence
        int beatsPerChord = beats >= 24 ? 4 : beats >= 8 ? 2 : 1;
        this.slotTicks = beatsPerChord * PPQ;
        this.chords = progression(Math.max(1, (int) (totalTicks / slotTicks)), new Random(spec.seed()));
    }

    /**
     * Composes the piece {@code spec} describes.
     *
     * @return the piece: a conductor track (tempo, metre, key, name) and a track each for chords,
     *     bass and melody, and drums for BRIGHT, FOCUSED and TENSE
     */
    public static Sequence compose(ScoreSpec spec) {
        try {
            return new Composer(spec).sequence();
        } catch (InvalidMidiDataException e) {
            throw MediaException.failed("could not compose " + spec + ": " + e.getMessage(), e);
        }
    }

    private Sequence sequence() throws InvalidMidiDataException {
        Sequence sequence = new Sequence(Sequence.PPQ, PPQ);
        Track conductor = sequence.createTrack();
        meta(conductor, 0x03, ("AI-OS score, " + spec.mood().name().toLowerCase(Locale.ROOT) + ", "
                + key.name() + ", seed " + spec.seed()).getBytes(StandardCharsets.US_ASCII));
        int microsPerQuarter = (int) Math.round(60_000_000.0 / spec.tempoBpm());
        meta(conductor, 0x51, new byte[] {(byte) (microsPerQuarter >> 16), (byte) (microsPerQuarter >> 8),
            (byte) microsPerQuarter});
        meta(conductor, 0x58, new byte[] {4, 2, 24, 8}); // 4/4
        meta(conductor, 0x59, new byte[] {(byte) key.sharps(), (byte) (key.minor() ? 1 : 0)});

        chordsTrack(part(sequence, "chords", CHORDS, style.chordsProgram, 88, 40));
        bassTrack(part(sequence, "bass", BASS, style.bassProgram, 100, 64));
        melodyTrack(part(sequence, "melody", MELODY, style.melodyProgram, 108, 88));
        if (style.drums) {
            drumsTrack(part(sequence, "drums", DRUMS, 0, 64, 64));
        }
        for (Track track : sequence.getTracks()) {
            // every track ends at the requested length, so the piece lasts exactly that long
            track.add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), totalTicks));
        }
        return sequence;
    }

    private int[] progression(int slots, Random random) {
        int[] a = style.progressions[random.nextInt(style.progressions.length)];
        int[] b = style.progressions[random.nextInt(style.progressions.length)];
        int[] degrees = new int[slots];
        for (int i = 0; i < slots; i++) {
            int section = i / 4;
            // A A B A: the B section brings contrast, the rest returns home
            int[] source = section % 4 == 2 ? b : a;
            degrees[i] = source[i % source.length];
        }
        if (slots >= 2) {
            degrees[slots - 2] = 4; // V
        }
        degrees[slots - 1] = 0; // I
        return degrees;
    }

    private long slotStart(int slot) {
        return (long) slot * slotTicks;
    }

    private long slotEnd(int slot) {
        return slot == chords.length - 1 ? totalTicks : slotStart(slot + 1);
    }

    /** Loudness across the piece: a swell to two thirds of the way, then a gentle fall. */
    private int velocity(long tick, int base) {
        double t = (double) tick / totalTicks;
        double shape = t < 2 / 3.0 ? 0.8 + 0.3 * (t * 1.5) : 1.1 - 0.35 * ((t - 2 / 3.0) * 3);
        return Math.clamp(Math.round(base * shape * style.loudness), 1, 127);
    }

    /** The pitches (MIDI note numbers) of the chord on scale degree {@code degree}, low to high. */
    private int[] chordPitches(int degree, int floor, boolean seventh) {
        int size = seventh ? 4 : 3;
        int[] pitches = new int[size];
        for (int i = 0; i < size; i++) {
            int semis = key.semitones(degree + 2 * i);
            // in minor the V chord takes the leading tone (harmonic minor), so the cadence resolves
            if (key.minor() && Math.floorMod(degree, 7) == 4 && i == 1) {
                semis += 1;
            }
            int pitchClass = Math.floorMod(key.tonic() + semis, 12);
            pitches[i] = floor + Math.floorMod(pitchClass - floor, 12);
        }
        java.util.Arrays.sort(pitches);
        return pitches;
    }

    private void chordsTrack(Track track) throws InvalidMidiDataException {
        Random random = new Random(spec.seed() * 31 + 1);
        for (int slot = 0; slot < chords.length; slot++) {
            boolean last = slot == chords.length - 1;
            int[] voicing = chordPitches(chords[slot], 55, style.sevenths && !last);
            long start = slotStart(slot);
            long end = slotEnd(slot);
            ChordPattern pattern = last ? ChordPattern.SUSTAIN : style.chordPattern;
            switch (pattern) {
                case SUSTAIN -> {
                    for (int pitch : voicing) {
                        note(track, CHORDS, pitch, velocity(start, 70), start, end - start - 10);
                    }
                }
                case STABS -> {
                    for (long t = start; t < end; t += PPQ) {
                        int accent = (t - start) % (2L * PPQ) == 0 ? 8 : 0;
                        for (int pitch : voicing) {
                            note(track, CHORDS, pitch, velocity(t, 74 + accent), t, PPQ / 2);
                        }
                    }
                }
                case ARPEGGIO -> {
                    int i = 0;
                    for (long t = start; t < end; t += PPQ / 2, i++) {
                        int index = i % (voicing.length + 1);
                        int pitch = index == voicing.length ? voicing[0] + 12 : voicing[index];
                        note(track, CHORDS, pitch, velocity(t, 66 + random.nextInt(8)), t, PPQ / 2 - 10);
                    }
                }
                case TREMOLO -> {
                    for (long t = start; t < end; t += PPQ / 2) {
                        for (int pitch : voicing) {
                            note(track, CHORDS, pitch, velocity(t, 64 + random.nextInt(10)), t, PPQ / 2 - 30);
                        }
                    }
                }
            }
        }
    }

    private void bassTrack(Track track) throws InvalidMidiDataException {
        for (int slot = 0; slot < chords.length; slot++) {
            int root = bassRoot(chords[slot]);
            // the chord's own fifth: diminished on the leading-tone chord, so the bass stays in the key
            int interval = key.semitones(chords[slot] + 4) - key.semitones(chords[slot]);
            int fifth = root + interval <= 52 ? root + interval : root + interval - 12;
            long start = slotStart(slot);
            long end = slotEnd(slot);
            if (slot == chords.length - 1 || style.bassStep >= end - start) {
                note(track, BASS, root, velocity(start, 80), start, end - start - 10);
                continue;
            }
            int i = 0;
            for (long t = start; t < end; t += style.bassStep, i++) {
                int pitch = switch (style.bassFigure) {
                    case ROOT -> root;
                    case ROOT_FIFTH -> i % 2 == 0 ? root : fifth;
                    case OCTAVES -> i % 4 == 1 ? root + 12 : i % 4 == 3 ? fifth : root;
                };
                long length = Math.min(style.bassStep, end - t) - (style.bassStep <= PPQ / 2 ? 60 : 15);
                note(track, BASS, pitch, velocity(t, i == 0 ? 88 : 78), t, length);
            }
        }
    }

    private int bassRoot(int degree) {
        int pitchClass = Math.floorMod(key.tonic() + key.semitones(degree), 12);
        return 36 + Math.floorMod(pitchClass - 36, 12); // C2 to B2
    }

    private void melodyTrack(Track track) throws InvalidMidiDataException {
        int tonic = 72 + Math.floorMod(key.tonic(), 12) - (key.tonic() > 7 ? 12 : 0); // tonic near C5
        int degree = 2; // start on the third: open, not yet home
        for (int slot = 0; slot < chords.length; slot++) {
            long start = slotStart(slot);
            long end = slotEnd(slot);
            if (slot == chords.length - 1) {
                note(track, MELODY, tonic, velocity(start, 80), start, end - start - 10);
                break;
            }
            // the same position in a repeated section gets the same phrase: a theme, not noise;
            // the second half of the piece varies it
            int section = slot / 4;
            int kind = section % 4 == 2 ? 1 : 0;
            int variation = kind == 0 && section >= 4 && slot % 4 == 3 ? 1 : 0;
            Random random = new Random(spec.seed() * 1_000_003L + kind * 101L + (slot % 4) * 7L + variation);
            int[] chordDegrees = {chords[slot], chords[slot] + 2, chords[slot] + 4};
            degree = nearestChordTone(degree, chordDegrees);
            long t = start;
            boolean first = true;
            while (t < end) {
                int eighths = style.melodyRhythm[random.nextInt(style.melodyRhythm.length)];
                long length = Math.min((long) eighths * PPQ / 2, end - t);
                if (!first && random.nextDouble() < style.rest) {
                    t += length;
                    continue;
                }
                if (!first) {
                    degree = step(degree, random);
                }
                int pitch = tonic + key.semitones(degree);
                note(track, MELODY, pitch, velocity(t, first ? 92 : 80 + random.nextInt(8)), t, length - 20);
                t += length;
                first = false;
            }
        }
    }

    private static int nearestChordTone(int degree, int[] chordDegrees) {
        int best = degree;
        int bestDistance = Integer.MAX_VALUE;
        for (int chordDegree : chordDegrees) {
            for (int octave = -14; octave <= 14; octave += 7) {
                int candidate = Math.floorMod(chordDegree, 7) + octave;
                int distance = Math.abs(candidate - degree);
                if (candidate >= -3 && candidate <= 9 && distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    private static int step(int degree, Random random) {
        double r = random.nextDouble();
        int move = r < 0.35 ? 1 : r < 0.7 ? -1 : r < 0.8 ? 2 : r < 0.9 ? -2 : r < 0.95 ? 0 : 4;
        int next = degree + move;
        // keep the melody within about an octave and a half around the tonic
        return next > 9 ? degree - 1 : next < -3 ? degree + 1 : next;
    }

    private void drumsTrack(Track track) throws InvalidMidiDataException {
        long lastBar = slotStart(chords.length - 1);
        for (long t = 0; t < lastBar; t += PPQ / 2) {
            long beat = t / PPQ;
            boolean onBeat = t % PPQ == 0;
            note(track, DRUMS, 42, velocity(t, onBeat ? 60 : 44), t, PPQ / 4); // closed hi-hat
            if (onBeat && beat % 2 == 0) {
                note(track, DRUMS, 36, velocity(t, 84), t, PPQ / 4); // kick
            }
            if (onBeat && beat % 2 == 1 && style.snare) {
                note(track, DRUMS, 38, velocity(t, 66), t, PPQ / 4); // snare
            }
        }
        // one crash with the final chord
        note(track, DRUMS, 49, velocity(lastBar, 70), lastBar, PPQ);
    }

    private static Track part(Sequence sequence, String name, int channel, int program, int volume, int pan)
            throws InvalidMidiDataException {
        Track track = sequence.createTrack();
        meta(track, 0x03, name.getBytes(StandardCharsets.US_ASCII));
        if (channel != DRUMS) {
            track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, program, 0), 0));
        }
        track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 7, volume), 0));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 10, pan), 0));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, channel, 91, 48), 0)); // reverb
        return track;
    }

    private static void meta(Track track, int type, byte[] data) throws InvalidMidiDataException {
        track.add(new MidiEvent(new MetaMessage(type, data, data.length), 0));
    }

    private static void note(Track track, int channel, int pitch, int velocity, long tick, long length)
            throws InvalidMidiDataException {
        if (length <= 0) {
            return;
        }
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, channel, pitch, velocity), tick));
        track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, channel, pitch, 0), tick + length));
    }
}
