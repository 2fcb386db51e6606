package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time and session cues of a recall, on a real index with real embeddings. */
class RecallCuesTest {
    static final Instant AT = Instant.parse("2023-05-08T13:56:00Z");
    /** Content alone: no recency, importance or cues, so each test adds one cue and sees only its effect. */
    static final RetrievalSettings PLAIN = RetrievalSettings.defaults().withRecency(0, Duration.ofDays(30), 0)
            .withTimeBoost(0).withSessionBoost(0);

    @TempDir
    Path dir;

    static MemoryRecord turn(String id, String session, String text) {
        return new MemoryRecord(id, MemoryLayer.SESSION, text, AT, 0.5, Map.of("session", session, "speaker", "Mel"));
    }

    static Map<String, Double> scores(LuceneMemory m, String question, RetrievalSettings rs) {
        List<MemoryHit> hits = m.recall(RecallRequest.builder(question).k(20).readTimePhrases(false).build(), rs);
        return hits.stream().collect(Collectors.toMap(h -> h.record().id(), MemoryHit::score));
    }

    @Test
    void aQuestionThatAsksWhenFavoursTheMemoriesThatSayWhen() {
        try (LuceneMemory m = LuceneMemory.builder(dir).build()) {
            m.rememberAll(List.of(
                    turn("dated", "s1", "Mel: I went to the pottery class last Saturday"),
                    turn("undated", "s1", "Mel: The pottery class teacher was very patient with me"),
                    turn("other", "s1", "Mel: My kids love the beach")));
            RetrievalSettings boosted = PLAIN.withTimeBoost(0.5);
            Map<String, Double> plain = scores(m, "When did Mel go to the pottery class?", PLAIN);
            Map<String, Double> cued = scores(m, "When did Mel go to the pottery class?", boosted);
            assertThat(cued.get("dated") - plain.get("dated")).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(cued.get("undated")).isEqualTo(plain.get("undated"));
            assertThat(scores(m, "When did Mel go to the pottery class?", boosted).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey()).isEqualTo("dated");
            // a question that does not ask when is ranked as without the cue
            assertThat(scores(m, "What did Mel think of the pottery class?", boosted))
                    .isEqualTo(scores(m, "What did Mel think of the pottery class?", PLAIN));
        }
        // the cue is part of the index: it holds after reopening
        try (LuceneMemory m = LuceneMemory.builder(dir).build()) {
            Map<String, Double> plain = scores(m, "When did Mel go to the pottery class?", PLAIN);
            Map<String, Double> cued = scores(m, "When did Mel go to the pottery class?", PLAIN.withTimeBoost(0.5));
            assertThat(cued.get("dated")).isGreaterThan(plain.get("dated"));
        }
    }

    @Test
    void theSessionThatTalksMostAboutTheQuestionLiftsItsTurns() {
        try (LuceneMemory m = LuceneMemory.builder(dir).contextTurns(0).build()) {
            m.rememberAll(List.of(
                    turn("g1", "garden", "Mel: The tomatoes in my garden are finally red"),
                    turn("g2", "garden", "Mel: I grow three kinds of tomatoes and some basil"),
                    turn("g3", "garden", "Mel: Tomatoes need a lot of sun and water"),
                    turn("t1", "trip", "Mel: We ate tomatoes at a market in Rome"),
                    turn("t2", "trip", "Mel: The flight back was delayed by hours"),
                    new MemoryRecord("f1", MemoryLayer.LONG_TERM, "Mel grows tomatoes", AT, 0.5, Map.of())));
            Map<String, Double> plain = scores(m, "What does Mel grow in her garden, tomatoes?", PLAIN);
            Map<String, Double> lifted = scores(m, "What does Mel grow in her garden, tomatoes?", PLAIN.withSessionBoost(0.4));
            Function<String, Double> gain = id -> lifted.get(id) - plain.get(id);
            // the best-matching session gets the whole boost, the other one a share of it
            assertThat(gain.apply("g1")).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(gain.apply("g2")).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(gain.apply("t1")).isLessThan(0.4).isPositive();
            // a record of no session is a session of one: it gains, but less than a whole matching session
            assertThat(gain.apply("f1")).isLessThan(0.4).isPositive();
        }
    }

    @Test
    void cueWeightsMustNotBeNegative() {
        assertThatThrownBy(() -> RetrievalSettings.defaults().withTimeBoost(-1))
                .isInstanceOf(AiOsException.class).hasMessageContaining("timeBoost");
        assertThatThrownBy(() -> RetrievalSettings.defaults().withSessionBoost(Double.NaN))
                .isInstanceOf(AiOsException.class).hasMessageContaining("sessionBoost");
    }
}
