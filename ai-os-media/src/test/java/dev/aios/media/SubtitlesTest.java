package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SubtitlesTest {
    private static final Pattern TIMING =
            Pattern.compile("\\d{2}:\\d{2}:\\d{2},\\d{3} --> \\d{2}:\\d{2}:\\d{2},\\d{3}");

    @Test
    void sentencesAreTimedInOrderInProportionToTheirLengthWithNoGapOrOverlapEndingAtTheTotal() {
        Duration total = Duration.ofMillis(60_001);
        List<Subtitle> cues = Subtitles.fromNarration(List.of("Short.", "", "A sentence four times as long.",
                "  Padded  ", "The last one."), total);

        assertThat(cues).extracting(Subtitle::text)
                .containsExactly("Short.", "A sentence four times as long.", "Padded", "The last one.");
        assertThat(cues.getFirst().start()).isZero();
        assertThat(cues.getLast().end()).isEqualTo(total);
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).start()).isEqualTo(cues.get(i - 1).end());
        }
        double perChar = 60_001.0 / (6 + 30 + 6 + 13);
        assertThat(length(cues.get(1))).isCloseTo(30 * perChar, org.assertj.core.data.Offset.offset(2.0));
        assertThat(length(cues.get(0))).isCloseTo(6 * perChar, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void aScriptIsSplitIntoSentencesAndLongSentencesIntoCuesOfAtMostTwoShortLines() {
        String script = "Good morning. Today we look at the quarterly numbers, which grew in every region except"
                + " the north, where a supplier failed twice and shipments slipped by three weeks! Questions?";
        List<Subtitle> cues = Subtitles.fromNarration(script, Duration.ofSeconds(20));

        assertThat(cues.getFirst().text()).isEqualTo("Good morning.");
        assertThat(cues.getLast().text()).isEqualTo("Questions?");
        assertThat(cues.size()).isGreaterThanOrEqualTo(4);
        for (Subtitle cue : cues) {
            List<String> lines = cue.text().lines().toList();
            assertThat(lines).hasSizeLessThanOrEqualTo(Subtitles.MAX_LINES);
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(42));
        }
        assertThat(String.join(" ", cues.stream().map(c -> c.text().replace('\n', ' ')).toList()))
                .isEqualTo(script);
        assertThat(cues.getLast().end()).isEqualTo(Duration.ofSeconds(20));
        assertThat(Subtitles.fromNarration("x".repeat(100), Duration.ofSeconds(3)).getFirst().text())
                .as("a word longer than a line is cut").isEqualTo("x".repeat(42) + "\n" + "x".repeat(42));
    }

    @Test
    void srtNumbersTheCuesAndWritesTimesAsHoursMinutesSecondsAndMillis() {
        String srt = Subtitles.srt(List.of(
                new Subtitle(Duration.ZERO, Duration.ofMillis(1_500), "Hello"),
                new Subtitle(Duration.ofMillis(1_500), Duration.ofMillis(3_723_004), "Two\nlines")));

        assertThat(srt).isEqualTo("""
                1
                00:00:00,000 --> 00:00:01,500
                Hello

                2
                00:00:01,500 --> 01:02:03,004
                Two
                lines

                """);
    }

    @Test
    void hostileTextStaysInsideItsCue() {
        String hostile = "Line one\r\n\r\n2\n00:00:09,000 --> 00:00:10,000\nInjected\u0000\u001b[31m\n\n\u2028"
                + "<font size=\"90\">big</font> {\\pos(0,0)}moved ---> end\t\u0007";
        String srt = Subtitles.srt(List.of(new Subtitle(Duration.ZERO, Duration.ofSeconds(2), hostile),
                new Subtitle(Duration.ofSeconds(2), Duration.ofSeconds(3), "\u0001\u0002"),
                new Subtitle(Duration.ofSeconds(3), Duration.ofSeconds(4), "Next")));

        String[] blocks = srt.split("\n\n");
        assertThat(blocks).as("one block per cue with text; the control-only cue is dropped").hasSize(2);
        assertThat(srt.lines().filter(line -> TIMING.matcher(line).find())).hasSize(2);
        assertThat(srt).doesNotContain("-->" + " 00:00:10").doesNotContain("<font").doesNotContain("{\\pos")
                .doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\r").doesNotContain("\u0007");
        assertThat(blocks[0]).startsWith("1\n00:00:00,000 --> 00:00:02,000\nLine one\n2\n")
                .contains("Injected[31m").contains("‹font size=\"90\"›big‹/font› (\\pos(0,0))moved ---› end");
        assertThat(blocks[1]).isEqualTo("2\n00:00:03,000 --> 00:00:04,000\nNext");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Subtitles.fromNarration(List.of(" ", ""), Duration.ofSeconds(1)))
                .isInstanceOf(MediaException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Subtitles.fromNarration("Hi.", Duration.ofSeconds(-1)))
                .isInstanceOf(MediaException.class).hasMessageContaining("duration must be positive");
        assertThatThrownBy(() -> Subtitles.fromNarration(List.of("a", "b", "c"), Duration.ofMillis(2)))
                .isInstanceOf(MediaException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> new Subtitle(Duration.ofSeconds(2), Duration.ofSeconds(1), "backwards"))
                .isInstanceOf(MediaException.class).hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> new Subtitle(Duration.ZERO, Duration.ofSeconds(1), " \n"))
                .isInstanceOf(MediaException.class).hasMessageContaining("no text");
    }

    private static double length(Subtitle cue) {
        return cue.end().minus(cue.start()).toMillis();
    }
}
