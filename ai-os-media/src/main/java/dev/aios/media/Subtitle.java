package dev.aios.media;

import java.time.Duration;

/**
 * One subtitle cue: text shown from {@code start} to {@code end}, measured from the start of the
 * video. The text may hold line breaks ({@code \n}); {@link Subtitles#srt(java.util.List)} cleans
 * it of anything that could break the subtitle format.
 *
 * @param start when the cue appears, {@code >= 0}
 * @param end when it disappears, after {@code start}
 * @param text what it says, not blank
 */
public record Subtitle(Duration start, Duration end, String text) {

    /** Checks the times and the text. */
    public Subtitle {
        if (start == null || end == null) {
            throw MediaException.invalid("a subtitle needs a start and an end; got start " + start + ", end " + end);
        }
        if (text == null || text.isBlank()) {
            throw MediaException.invalid("the subtitle at " + start.toMillis() + " ms has no text");
        }
        if (start.isNegative()) {
            throw MediaException.invalid("the subtitle '" + abbreviate(text) + "' starts before the video, at "
                    + start.toMillis() + " ms");
        }
        if (end.compareTo(start) <= 0) {
            throw MediaException.invalid("the subtitle '" + abbreviate(text) + "' must end after it starts; got "
                    + start.toMillis() + " ms to " + end.toMillis() + " ms");
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 40 ? flat : flat.substring(0, 40) + "...";
    }
}
