package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.memory.internal.IndexSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records derived from others, on a real index: found by their sources' terms, and forgotten with them. */
class DerivedRecordsTest {
    private static final Logger log = LoggerFactory.getLogger(DerivedRecordsTest.class);
    static final Instant AT = Instant.parse("2025-03-14T12:00:00Z");
    @TempDir
    Path dir;

    static MemoryRecord rec(String id, MemoryLayer layer, String text, Map<String, String> meta, Provenance label) {
        return new MemoryRecord(id, layer, text, AT, 0.5, meta).withProvenance(label);
    }

    @Test
    void eachSourceIsIndexedAsItsOwnTerm() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            m.remember(rec("skill", MemoryLayer.LONG_TERM, "Book the usual table", Map.of(),
                    Provenance.trusted(Source.memory("pref,with comma"), Source.tool("calendar.read"))));

            assertThat(sourceCount(m, "memory:pref,with comma")).isEqualTo(1);
            assertThat(sourceCount(m, "tool:calendar.read")).isEqualTo(1);
            assertThat(sourceCount(m, "memory:pref")).isZero();
        }
    }

    @Test
    void forgettingASessionTakesWhatWasLearnedFromItAndItsTextLeavesTheDisk() throws IOException {
        String secret = "qx7kv2wplm";
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            // one write each, as a session is written (records forgotten from a segment that keeps others
            // can stay in its file until a later merge: a limitation of the store's purge, not of cascading)
            m.remember(rec("turn-1", MemoryLayer.SESSION, "I always want the vegetarian menu", Map.of("session", "s1"),
                    Provenance.user()));
            m.remember(rec("lesson", MemoryLayer.LONG_TERM, "Order vegetarian, code " + secret, Map.of(),
                    Provenance.trusted(Source.memory("turn-1"))));
            m.remember(rec("kept", MemoryLayer.LONG_TERM, "Order from the place on the corner", Map.of(), Provenance.user()));
            assertThat(filesContain(secret)).as("positive control: the derived text is on disk").isTrue();

            assertThat(m.forgetSession("s1")).as("the turn and the lesson").isEqualTo(2);

            assertThat(m.size()).isEqualTo(1);
            assertThat(m.read("lesson")).isNull();
            assertThat(filesContain(secret)).isFalse();
        }
    }

    @Test
    void forgettingARootOfAWideTreeTakesEveryDescendantAtOnce() {
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            List<MemoryRecord> tree = new ArrayList<>();
            tree.add(rec("root", MemoryLayer.LONG_TERM, "The user's home airport is Lisbon", Map.of(), Provenance.user()));
            for (int i = 0; i < 50; i++) {
                tree.add(rec("child-" + i, MemoryLayer.LONG_TERM, "Flights from Lisbon, note " + i, Map.of(),
                        Provenance.trusted(Source.memory("root"))));
                tree.add(rec("grandchild-" + i, MemoryLayer.EPISODIC, "Booked a flight from Lisbon, trip " + i, Map.of(),
                        Provenance.trusted(Source.memory("child-" + i), Source.memory("root"))));
            }
            tree.add(rec("other", MemoryLayer.LONG_TERM, "The user's work airport is Porto", Map.of(), Provenance.user()));
            m.rememberAll(tree);

            long start = System.nanoTime();
            assertThat(m.forget("root")).isTrue();
            log.info("forgot a root with 100 descendants in {} ms", (System.nanoTime() - start) / 1_000_000);

            assertThat(m.size()).isEqualTo(1);
            assertThat(m.recall(MemoryQuery.of("Lisbon airport flights", 10))).extracting(MemoryHit::record)
                    .extracting(MemoryRecord::id).containsExactly("other");
        }
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            assertThat(m.size()).as("after a reopen").isEqualTo(1);
        }
    }

    private static int sourceCount(LuceneMemory m, String source) {
        return m.withSearcher(s -> s.count(new TermQuery(new Term(IndexSchema.SOURCE, source))));
    }

    private boolean filesContain(String s) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] data;
                try {
                    data = Files.readAllBytes(f);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                if (new String(data, StandardCharsets.ISO_8859_1).contains(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
