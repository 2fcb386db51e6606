package dev.aios.media;

import java.text.BreakIterator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Subtitles for a narrated video: cues timed from the narration's text and length, and their
 * SubRip (SRT) form. Without word timings from the speech engine, each cue gets a share of the
 * narration's duration in proportion to its length in characters, which tracks speech closely
 * enough for a read-aloud script.
 */
public final class Subtitles {
    /** Most characters on one subtitle line (the common broadcast guideline). */
    public static final int MAX_LINE_CHARS = 42;
    /** Most lines in one cue. */
    public static final int MAX_LINES = 2;

    private Subtitles() {}

    /**
     * Times one cue per sentence, in order, over the narration: each gets a share of {@code total}
     * in proportion to its length; they follow one another with no gap or overlap, the first
     * starting at zero and the last ending at {@code total}. Blank sentences are skipped. Times are
     * whole milliseconds, as SRT keeps them.
     *
     * @param sentences the narration's sentences (or lines) in the order spoken
     * @param total how long the narration lasts
     * @return the cues
     * @throws MediaException when there is no text, {@code total} is not positive, or too short to
     *     give every sentence at least a millisecond
     */
    public static List<Subtitle> fromNarration(List<String> sentences, Duration total) {
        if (sentences == null) {
            throw MediaException.invalid("subtitles need the narration's sentences; got none");
        }
        if (total == null || total.isNegative() || total.isZero()) {
            throw MediaException.invalid("the narration's duration must be positive; got " + total);
        }
        List<String> texts = new ArrayList<>();
        for (String sentence : sentences) {
            if (sentence != null && !sentence.isBlank()) {
                texts.add(sentence.strip());
            }
        }
        if (texts.isEmpty()) {
            throw MediaException.invalid("subtitles need some text; all " + sentences.size()
                    + " sentences were blank");
        }
        long[] weights = new long[texts.size()];
        long sum = 0;
        for (int i = 0; i < texts.size(); i++) {
            String flat = texts.get(i).replaceAll("\\s+", " ");
            weights[i] = Math.max(1, flat.codePointCount(0, flat.length()));
            sum += weights[i];
        }
        long totalMillis = total.toMillis();
        List<Subtitle> cues = new ArrayList<>(texts.size());
        long done = 0;
        long startMillis = 0;
        for (int i = 0; i < texts.size(); i++) {
            done += weights[i];
            // boundaries from the running sum, so rounding never accumulates and the last lands on total
            long endMillis = Math.round((double) totalMillis * done / sum);
            if (endMillis <= startMillis) {
                throw MediaException.invalid("a narration of " + totalMillis + " ms is too short to show "
                        + texts.size() + " subtitles");
            }
            Duration end = i == texts.size() - 1 ? total : Duration.ofMillis(endMillis);
            cues.add(new Subtitle(Duration.ofMillis(startMillis), end, texts.get(i)));
            startMillis = endMillis;
        }
        return List.copyOf(cues);
    }

    /**
     * Splits the narration's text into sentences, a long sentence into cues of at most
     * {@value #MAX_LINES} lines of at most {@value #MAX_LINE_CHARS} characters, and times them as
     * {@link #fromNarration(List, Duration)} does.
     *
     * @param text the narration's script, as spoken
     * @param total how long the narration lasts
     * @return the cues, their text broken into lines with {@code \n}
     * @throws MediaException when the text is blank or {@code total} is not positive
     */
    public static List<Subtitle> fromNarration(String text, Duration total) {
        if (text == null || text.isBlank()) {
            throw MediaException.invalid("subtitles need the narration's text; got none");
        }
        List<String> cues = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
                start = end, end = sentences.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                cues.addAll(cuesOf(sentence));
            }
        }
        return fromNarration(cues, total);
    }

    /** Breaks one sentence into lines of words, then groups the lines into cues. */
    private static List<String> cuesOf(String sentence) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : sentence.split("\\s+")) {
            // a word longer than a line (a URL, say) is cut, or it would overflow the frame
            while (word.length() > MAX_LINE_CHARS) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, MAX_LINE_CHARS));
                word = word.substring(MAX_LINE_CHARS);
            }
            if (word.isEmpty()) {
                continue;
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > MAX_LINE_CHARS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        List<String> cues = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += MAX_LINES) {
            cues.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + MAX_LINES))));
        }
        return cues;
    }

    /**
     * Writes cues as SubRip text: a number, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, the text, a blank
     * line. The text may come from anywhere, so it is cleaned so that it stays inside its cue:
     * control characters go, line breaks of every kind become one {@code \n}, blank lines are
     * dropped (a blank line would end the cue), {@code <} and {@code >} become {@code ‹} and
     * {@code ›} (so no {@code -->} can start a new timing line and no HTML tag restyles it), and
     * braces become parentheses (so no ASS override such as <code>{\pos(0,0)}</code> moves it). A
     * cue left with no text is dropped and the rest renumbered.
     *
     * @param cues the cues, in any order (players sort by start)
     * @return the SRT text, with {@code \n} line ends
     */
    public static String srt(List<Subtitle> cues) {
        if (cues == null) {
            throw MediaException.invalid("srt needs a list of subtitles; got none");
        }
        StringBuilder out = new StringBuilder();
        int number = 0;
        for (Subtitle cue : cues) {
            if (cue == null) {
                throw MediaException.invalid("a subtitle in the list is missing (null)");
            }
            String text = clean(cue.text());
            if (text.isEmpty()) {
                continue;
            }
            out.append(++number).append('\n')
                    .append(timestamp(cue.start())).append(" --> ").append(timestamp(cue.end())).append('\n')
                    .append(text).append("\n\n");
        }
        return out.toString();
    }

    /** The text of a cue, safe to put between a timing line and the blank line that ends it. */
    static String clean(String text) {
        String unified = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n')
                .replace('\u2029', '\n').replace('\u0085', '\n');
        StringBuilder out = new StringBuilder(unified.length());
        for (String raw : unified.split("\n")) {
            StringBuilder line = new StringBuilder(raw.length());
            raw.codePoints().forEach(c -> {
                switch (c) {
                    case '<' -> line.append('\u2039');
                    case '>' -> line.append('\u203A');
                    case '{' -> line.append('(');
                    case '}' -> line.append(')');
                    case '\t' -> line.append(' ');
                    default -> {
                        if (!Character.isISOControl(c) && c != '\uFEFF') {
                            line.appendCodePoint(c);
                        }
                    }
                }
            });
            String kept = line.toString().strip();
            if (!kept.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(kept);
            }
        }
        return out.toString();
    }

    private static String timestamp(Duration time) {
        long millis = time.toMillis();
        return String.format(Locale.ROOT, "%02d:%02d:%02d,%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
