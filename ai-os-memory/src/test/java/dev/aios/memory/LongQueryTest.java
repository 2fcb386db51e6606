package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recall of query texts far over Lucene's clause limit (a pasted page, a long goal): answered, with
 * the words that tell records apart kept.
 */
class LongQueryTest {
    private static final Logger log = LoggerFactory.getLogger(LongQueryTest.class);
    static final Instant AT = Instant.parse("2025-03-14T12:00:00Z");
    @TempDir
    Path dir;

    static MemoryRecord rec(String id, String text) {
        return new MemoryRecord(id, MemoryLayer.LONG_TERM, text, AT, 0.5, Map.of());
    }

    @Test
    void aQueryOverTheClauseLimitFindsTheRecordSharingItsWordsFirst() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            m.rememberAll(List.of(rec("trip", "The user prefers window seats on overnight trains"),
                    rec("garden", "The garden hose leaks near the tap"),
                    rec("bank", "The bank card expires in November")));
            List<String> words = new ArrayList<>(List.of(distinctWords(5_000).split(" ")));
            words.add(2_500, "window seats overnight trains");
            String query = String.join(" ", words);
            assertThat(words.size()).isGreaterThan(IndexSearcher.getMaxClauseCount());

            for (RetrievalMode mode : RetrievalMode.values()) {
                long start = System.nanoTime();
                List<MemoryHit> hits = m.recall(RecallRequest.builder(query).k(3).mode(mode).build());
                log.info("{} recall of {} words ({} characters): {} ms", mode, words.size(), query.length(),
                        (System.nanoTime() - start) / 1_000_000);
                if (mode != RetrievalMode.VECTOR) {
                    assertThat(hits.get(0).record().id()).as("best %s hit", mode).isEqualTo("trip");
                    assertThat(hits.get(0).why()).contains("window", "seat", "overnight", "train");
                }
            }
            String huge = (query + " ").repeat(6);
            assertThat(huge.length()).isGreaterThan(200_000);
            long start = System.nanoTime();
            assertThat(m.recall(MemoryQuery.of(huge, 3)).get(0).record().id()).isEqualTo("trip");
            log.info("hybrid recall of {} characters: {} ms", huge.length(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Test
    void aRareWordOutranksCommonOnesWhenTermsAreCapped() {
        // 200 words every filler record holds: each alone would fill the cap of 128 terms before the rare one
        String common = distinctWords(200);
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            List<MemoryRecord> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                records.add(rec("filler-" + i, common));
            }
            records.add(rec("target", "The zephyr lighthouse logbook"));
            m.rememberAll(records);

            List<MemoryHit> hits = m.recall(RecallRequest.builder(common + " zephyr").k(10).mode(RetrievalMode.LEXICAL)
                    .build());

            assertThat(hits).extracting(h -> h.record().id()).contains("target");
        }
    }

    /** @return {@code count} distinct made-up words of letters, such as {@code qvbaad} */
    static String distinctWords(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            StringBuilder w = new StringBuilder("qv");
            for (int n = i, d = 0; d < 4; d++, n /= 26) {
                w.append((char) ('a' + n % 26));
            }
            return w.toString();
        }).collect(Collectors.joining(" "));
    }
}
