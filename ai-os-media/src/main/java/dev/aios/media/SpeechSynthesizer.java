package dev.aios.media;

import java.nio.file.Path;

/**
 * Turns text into speech in a WAV file: the narration of a video or a spoken summary.
 *
 * <p>{@link EspeakSpeech} is the local default: the text stays on the machine. Cloud voices are
 * pluggable: a host implements this interface over its provider of choice, and when it does, the
 * text leaves the machine; whether that is acceptable for the text at hand is the host's decision,
 * not the media engine's.
 *
 * <p>Implementations treat the text as untrusted (it may come from a model or a document): it is
 * spoken, never interpreted as options or markup.
 */
@FunctionalInterface
public interface SpeechSynthesizer {

    /**
     * Speaks {@code text} into {@code wavFile}, replacing it if it exists.
     *
     * @param text what to say; not blank
     * @param wavFile where to write the speech as a PCM WAV file
     * @return {@code wavFile}
     * @throws MediaException when the text is blank, the voice is unavailable, or speech could not
     *     be made or written
     */
    Path speak(String text, Path wavFile);
}
