package dev.aios.media.internal;

import dev.aios.media.MediaException;
import dev.aios.media.MediaProgress;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a MIDI sequence to a WAV file offline, as fast as the CPU allows and with no sound
 * card, through the JDK's own software synthesizer (Gervill, {@code SoftSynthesizer}).
 *
 * <p>Gervill's offline entry point, {@code AudioSynthesizer.openStream}, lives in
 * {@code com.sun.media.sound}, which {@code java.desktop} does not export; it is called
 * reflectively, and the JVM must be started with
 * {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}. Every event is queued up
 * front with its time in microseconds, and the synthesizer's audio stream is then read for the
 * length of the sequence plus a release tail over which the sound fades out.
 */
public final class OfflineRenderer {
    private static final Logger log = LoggerFactory.getLogger(OfflineRenderer.class);
    private static final String PACKAGE = "com.sun.media.sound";
    private static final String ADD_EXPORTS = "--add-exports java.desktop/" + PACKAGE + "=ALL-UNNAMED";
    private static final AudioFormat FORMAT = WavFiles.pcm16(44_100f, 2);
    private static final int TEMPO = 0x51;

    private OfflineRenderer() {}

    /**
     * @param tail how long to go on after the sequence's end, fading to silence, so the last
     *     notes' release is heard and the file still ends quietly at a known length
     * @return {@code wav}, lasting exactly the sequence's length plus {@code tail}
     * @throws MediaException when the JVM does not export Gervill's package (saying which option
     *     to add), no software synthesizer is available, or the file cannot be written
     */
    public static Path render(Sequence sequence, Path wav, Duration tail, MediaProgress progress) {
        List<Timed> events = timedEvents(sequence);
        // the last event is the end of the longest track
        long micros = events.isEmpty() ? 0 : events.getLast().micros;
        long tailFrames = Math.round(tail.toNanos() / 1e9 * FORMAT.getFrameRate());
        long frames = Math.round(micros / 1e6 * FORMAT.getFrameRate()) + tailFrames;
        WavFiles.checkFits(FORMAT, frames, "the rendered music");
        double totalSeconds = frames / (double) FORMAT.getFrameRate();
        Synthesizer synthesizer = synthesizer();
        long started = System.nanoTime();
        try (AudioInputStream stream = openStream(synthesizer)) {
            Receiver receiver = synthesizer.getReceiver();
            for (Timed event : events) {
                // meta events (tempo, names) are for sequencers; the synthesizer plays the rest
                if (!(event.message instanceof MetaMessage)) {
                    receiver.send(event.message, event.micros);
                }
            }
            long perSecond = (long) FORMAT.getFrameRate();
            long[] reported = {-1};
            WavFiles.write(wav, FORMAT, out -> {
                long copied = WavFiles.copy(stream, out, frames, tailFrames, done -> {
                    if (done / perSecond != reported[0]) {
                        reported[0] = done / perSecond;
                        progress.update("rendering music", Math.min(totalSeconds, done / (double) perSecond),
                                totalSeconds);
                    }
                });
                WavFiles.silence(out, FORMAT, frames - copied);
            });
            progress.update("rendering music", totalSeconds, totalSeconds);
            log.debug("rendered {} s of music into {} in {} ms", totalSeconds, wav,
                    (System.nanoTime() - started) / 1_000_000);
            return wav;
        } catch (MidiUnavailableException | java.io.IOException e) {
            throw MediaException.failed("could not render music into " + wav + ": " + e.getMessage(), e);
        } finally {
            synthesizer.close();
        }
    }

    private static Synthesizer synthesizer() {
        Module desktop = AudioSystem.class.getModule();
        if (!desktop.isExported(PACKAGE, OfflineRenderer.class.getModule())) {
            throw notExported(null);
        }
        try {
            return MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw MediaException.failed("the JDK's software synthesizer is not available: " + e.getMessage(), e);
        }
    }

    private static AudioInputStream openStream(Synthesizer synthesizer) throws MidiUnavailableException {
        try {
            Class<?> offline = Class.forName(PACKAGE + ".AudioSynthesizer");
            if (!offline.isInstance(synthesizer)) {
                throw MediaException.failed("the default MIDI synthesizer is " + synthesizer.getClass().getName()
                        + ", which cannot render offline; remove any MIDI provider that replaces the JDK's own", null);
            }
            Method open = offline.getMethod("openStream", AudioFormat.class, Map.class);
            return (AudioInputStream) open.invoke(synthesizer, FORMAT, Map.of());
        } catch (IllegalAccessException e) {
            throw notExported(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MidiUnavailableException unavailable) {
                throw unavailable;
            }
            throw MediaException.failed("the software synthesizer failed to start: " + e.getCause(), e.getCause());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw MediaException.failed("this JDK has no offline software synthesizer (" + e.getMessage()
                    + "); render music on a JDK with the java.desktop module", e);
        }
    }

    private static MediaException notExported(@Nullable Throwable cause) {
        return MediaException.failed("rendering music needs the JDK's software synthesizer, whose package "
                + PACKAGE + " java.desktop does not export to this code; add " + ADD_EXPORTS
                + " to the JVM options (java command line, JDK_JAVA_OPTIONS, or Surefire's argLine)", cause);
    }

    /** A message with its time from the start, in microseconds. */
    private record Timed(long tick, int order, long micros, MidiMessage message) {}

    /** Every event of every track in time order, with tempo changes applied to their times. */
    private static List<Timed> timedEvents(Sequence sequence) {
        List<Timed> events = new ArrayList<>();
        int order = 0;
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent event = track.get(i);
                events.add(new Timed(event.getTick(), order++, 0, event.getMessage()));
            }
        }
        events.sort(Comparator.comparingLong(Timed::tick).thenComparingInt(Timed::order));
        Clock clock = new Clock(sequence);
        List<Timed> timed = new ArrayList<>(events.size());
        for (Timed event : events) {
            timed.add(new Timed(event.tick, event.order, clock.micros(event.tick), event.message));
            if (event.message instanceof MetaMessage meta && meta.getType() == TEMPO && meta.getData().length == 3) {
                byte[] d = meta.getData();
                clock.tempo(event.tick, ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff));
            }
        }
        return timed;
    }

    /** Ticks to microseconds under the tempo changes seen so far (MIDI's default: 120 bpm). */
    private static final class Clock {
        private final boolean ppq;
        private final double resolution;
        private final double framesPerSecond;
        private long tempoTick;
        private double tempoMicros;
        private long microsPerQuarter = 500_000;

        Clock(Sequence sequence) {
            this.ppq = sequence.getDivisionType() == Sequence.PPQ;
            this.resolution = sequence.getResolution();
            this.framesPerSecond = sequence.getDivisionType();
        }

        long micros(long tick) {
            if (!ppq) {
                // SMPTE time: ticks are fractions of a frame, tempo does not apply
                return Math.round(tick * 1e6 / (framesPerSecond * resolution));
            }
            return Math.round(tempoMicros + (tick - tempoTick) * microsPerQuarter / resolution);
        }

        void tempo(long tick, long newMicrosPerQuarter) {
            if (!ppq || newMicrosPerQuarter <= 0) {
                return;
            }
            tempoMicros = tempoMicros + (tick - tempoTick) * microsPerQuarter / resolution;
            tempoTick = tick;
            microsPerQuarter = newMicrosPerQuarter;
        }
    }
}
