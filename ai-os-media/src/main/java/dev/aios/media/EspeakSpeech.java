package dev.aios.media;

import dev.aios.media.internal.AtomicFiles;
import dev.aios.media.internal.ExternalProgram;
import dev.aios.media.internal.WavFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local text to speech through the eSpeak NG program ({@code espeak-ng}): many languages, no
 * network, a mono 22.05 kHz WAV. Its voice is synthetic but clear, which suits narration of
 * slides and summaries.
 *
 * <p>Why a program and not a Java library: the Java engines on Maven Central are FreeTTS (a
 * repackaging of a 2005 release, one robotic 16 kHz English voice, unmaintained) and MaryTTS
 * 5.2.1 (LGPL, unmaintained since 2021, and pulling log4j 1.x, Groovy and a dozen old libraries
 * with voices of tens of megabytes). eSpeak NG is maintained, packaged by every Linux distribution
 * and Homebrew, and GPL only as a separate program we run, never link.
 *
 * <p>The text is untrusted: it goes to the program on standard input (no length limit, and text
 * starting with {@code -} is spoken, not read as an option), control characters are removed, and
 * SSML is not enabled (no {@code -m}), so markup in the text is read out, not obeyed.
 *
 * {@snippet :
 * EspeakSpeech.ifInstalled().ifPresent(voice -> voice.speak("Sales grew in every region.", wav));
 * }
 */
public final class EspeakSpeech implements SpeechSynthesizer {
    private static final Logger log = LoggerFactory.getLogger(EspeakSpeech.class);

    /** The voice used unless {@link Builder#voice} says otherwise: American English. */
    public static final String DEFAULT_VOICE = "en-us";
    /** The speed used unless {@link Builder#wordsPerMinute} says otherwise: calm narration. */
    public static final int DEFAULT_WORDS_PER_MINUTE = 165;
    /** The pitch used unless {@link Builder#pitch} says otherwise: espeak-ng's own middle. */
    public static final int DEFAULT_PITCH = 50;
    /** How long one {@link #speak} may take unless {@link Builder#timeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /** The most characters one call speaks: about an hour and a half of speech. */
    public static final int MAX_TEXT_LENGTH = 200_000;

    private static final String PROGRAM = "espeak-ng";
    private static final String NEEDED_FOR = "narration (text to speech)";
    // a voice name or language tag, optionally in a folder of espeak-ng-data/voices ("gmw/en-US", "en-us+f3")
    private static final Pattern VOICE =
            Pattern.compile("[A-Za-z][A-Za-z0-9_+-]{0,40}(/[A-Za-z][A-Za-z0-9_+-]{0,40})?");
    // control characters other than line breaks and tabs, which espeak-ng reads as pauses anyway
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");

    private final ExternalProgram program;
    private final String voice;
    private final int wordsPerMinute;
    private final int pitch;
    private final Duration timeout;

    private EspeakSpeech(ExternalProgram program, Builder builder) {
        this.program = program;
        this.voice = builder.voice;
        this.wordsPerMinute = builder.wordsPerMinute;
        this.pitch = builder.pitch;
        this.timeout = builder.timeout;
    }

    /**
     * Starts configuring a synthesizer.
     *
     * @return a builder with the defaults: {@code espeak-ng} on the PATH, en-us, 165 words a minute
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Finds espeak-ng for callers that narrate only when they can: the default voice when {@code espeak-ng} is on
     * the PATH.
     *
     * @return the synthesizer, or empty when {@code espeak-ng} is not installed
     */
    public static Optional<EspeakSpeech> ifInstalled() {
        return ExternalProgram.find(PROGRAM).map(found -> new EspeakSpeech(found, builder()));
    }

    /**
     * The voice this synthesizer speaks with.
     *
     * @return the espeak-ng voice, such as {@code en-us}
     */
    public String voice() {
        return voice;
    }

    /**
     * How fast it speaks.
     *
     * @return the speaking speed in words per minute
     */
    public int wordsPerMinute() {
        return wordsPerMinute;
    }

    /**
     * How high it speaks.
     *
     * @return the pitch, 0 to 99
     */
    public int pitch() {
        return pitch;
    }

    /**
     * Speaks {@code text} into {@code wavFile} (mono 16-bit PCM at espeak-ng's 22.05 kHz),
     * written atomically.
     *
     * @throws MediaException when the text is blank or too long, the voice does not exist,
     *     espeak-ng fails or runs past its time limit, or the file cannot be written
     */
    @Override
    public Path speak(String text, Path wavFile) {
        Objects.requireNonNull(wavFile, "wavFile");
        String spoken = clean(text);
        Path temp = AtomicFiles.tempBeside(wavFile);
        try {
            // -b 1: the input is UTF-8 whatever the locale; the output path is absolute, so never an option
            program.run(List.of("-v", voice, "-s", Integer.toString(wordsPerMinute), "-p", Integer.toString(pitch),
                    "-b", "1", "-w", temp.toAbsolutePath().toString(), "--stdin"),
                    spoken.getBytes(StandardCharsets.UTF_8), timeout, line -> {});
            checkSpeech(temp);
            log.debug("spoke {} characters with voice {} into {}", spoken.length(), voice, wavFile);
            return AtomicFiles.publish(temp, wavFile);
        } catch (IOException e) {
            throw MediaException.failed("could not write the speech to " + wavFile + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteQuietly(temp);
        }
    }

    static String clean(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw MediaException.invalid("the text to speak is empty; give at least one word");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw MediaException.invalid("the text to speak has " + text.length() + " characters, more than "
                    + MAX_TEXT_LENGTH + "; split it and speak the parts into separate files (Audio.concat joins them)");
        }
        String cleaned = CONTROL.matcher(text).replaceAll(" ").strip();
        if (cleaned.isEmpty()) {
            throw MediaException.invalid("the text to speak holds only control characters; give at least one word");
        }
        return cleaned;
    }

    private static void checkSpeech(Path wav) throws IOException {
        // espeak-ng exits 0 for text it has no sounds for; an empty file is not narration
        try (AudioInputStream in = WavFiles.openPcm16(wav)) {
            if (in.getFrameLength() <= 0) {
                throw MediaException.failed(PROGRAM + " produced no audio for the text; is it in the voice's language?",
                        null);
            }
        }
    }

    @Override
    public String toString() {
        return "EspeakSpeech[" + program.executable() + ", voice " + voice + ", " + wordsPerMinute + " wpm, pitch "
                + pitch + "]";
    }

    /** Settings for {@link EspeakSpeech}; each has a default, and {@link #build} checks them all. */
    public static final class Builder {
        private String voice = DEFAULT_VOICE;
        private int wordsPerMinute = DEFAULT_WORDS_PER_MINUTE;
        private int pitch = DEFAULT_PITCH;
        private Duration timeout = DEFAULT_TIMEOUT;
        private @Nullable Path program;

        private Builder() {}

        /**
         * Sets the voice or language.
         *
         * @param voice an espeak-ng voice or language ({@code en-us}, {@code en-gb}, {@code de},
         *     {@code fr+f3}); {@code espeak-ng --voices} lists them. Default {@code en-us}.
         * @return this builder
         */
        public Builder voice(String voice) {
            this.voice = voice;
            return this;
        }

        /**
         * Sets the speaking speed.
         *
         * @param wordsPerMinute speaking speed, 80 to 450; default 165
         * @return this builder
         */
        public Builder wordsPerMinute(int wordsPerMinute) {
            this.wordsPerMinute = wordsPerMinute;
            return this;
        }

        /**
         * Sets the pitch.
         *
         * @param pitch 0 (low) to 99 (high); default 50
         * @return this builder
         */
        public Builder pitch(int pitch) {
            this.pitch = pitch;
            return this;
        }

        /**
         * Says where espeak-ng is, when it is not on the PATH or another copy should be used.
         *
         * @param program where the {@code espeak-ng} executable is, or null to look on the PATH
         *     (the default)
         * @return this builder
         */
        public Builder program(@Nullable Path program) {
            this.program = program;
            return this;
        }

        /**
         * Sets the time limit for one call.
         *
         * @param timeout how long one {@link EspeakSpeech#speak} may run before it is stopped;
         *     default five minutes
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * Checks the settings and finds the program.
         *
         * @return the synthesizer
         * @throws MediaException naming the setting that is out of range, or saying that
         *     {@code espeak-ng} is not installed (and how to install it) or not at the configured place
         */
        public EspeakSpeech build() {
            if (voice == null || !VOICE.matcher(voice).matches()) {
                throw MediaException.invalid("voice '" + voice + "' is not an espeak-ng voice name; use a name such as"
                        + " en-us, en-gb, de or fr+f3 (espeak-ng --voices lists them)");
            }
            if (wordsPerMinute < 80 || wordsPerMinute > 450) {
                throw MediaException.invalid("words per minute must be between 80 and 450, got " + wordsPerMinute);
            }
            if (pitch < 0 || pitch > 99) {
                throw MediaException.invalid("pitch must be between 0 and 99, got " + pitch);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw MediaException.invalid("the timeout for espeak-ng must be positive, got " + timeout);
            }
            return new EspeakSpeech(ExternalProgram.require(PROGRAM, program, NEEDED_FOR, PROGRAM), this);
        }
    }
}
