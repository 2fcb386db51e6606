package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.spi.MemoryFactory;
import dev.aios.runtime.Agent;
import dev.aios.testing.ScriptedChatModel;
import dev.aios.tools.InProcessToolRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's layers, recall, forgetting, superseding and consolidation, on a real index with real embeddings. */
class LuceneMemoryTest {
    static final Instant NOW = Instant.parse("2025-03-14T12:00:00Z"); // a Friday
    @TempDir
    Path dir;

    LuceneMemory open() {
        return LuceneMemory.builder(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC)).zone(ZoneOffset.UTC).build();
    }

    static MemoryRecord rec(String id, MemoryLayer layer, String text, Instant at, Map<String, String> meta) {
        return new MemoryRecord(id, layer, text, at, 0.5, meta);
    }

    static List<String> ids(List<MemoryHit> hits) {
        return hits.stream().map(h -> h.record().id()).toList();
    }

    @Test
    void recallsByWordsAndByMeaningAndSurvivesReopening() {
        try (LuceneMemory m = open()) {
            m.remember(rec("a", MemoryLayer.LONG_TERM, "The user is allergic to peanuts", NOW, Map.of()));
            m.remember(rec("b", MemoryLayer.LONG_TERM, "The quarterly invoice for ACME is due on Friday", NOW, Map.of()));
            m.remember(rec("c", MemoryLayer.EPISODIC, "Walked the dog in the park after lunch", NOW, Map.of()));
        }
        try (LuceneMemory m = open()) {
            assertThat(m.size()).isEqualTo(3);
            List<MemoryHit> words = m.recall(MemoryQuery.of("when is the ACME invoice due?", 2));
            assertThat(words.get(0).record().id()).isEqualTo("b");
            assertThat(words.get(0).why()).contains("words: acm", "invoic", "meaning");
            // no shared word: only meaning links "nuts" and "food" to the allergy
            List<MemoryHit> meaning = m.recall(RecallRequest.builder("food intolerance to nuts").k(1)
                    .mode(RetrievalMode.VECTOR).build());
            assertThat(ids(meaning)).containsExactly("a");
            assertThat(m.recall(MemoryQuery.of("invoice", 3)).get(0).record().text())
                    .isEqualTo("The quarterly invoice for ACME is due on Friday");
        }
    }

    @Test
    void filtersByLayerMetadataAndTimeWindow() {
        try (LuceneMemory m = open()) {
            m.remember(rec("old", MemoryLayer.EPISODIC, "Meeting with Dana about the budget", NOW.minus(Duration.ofDays(30)),
                    Map.of("source", "calendar")));
            m.remember(rec("lastweek", MemoryLayer.EPISODIC, "Meeting with Dana about the roadmap",
                    Instant.parse("2025-03-05T10:00:00Z"), Map.of("source", "calendar")));
            m.remember(rec("mail", MemoryLayer.SESSION, "Dana wrote about the meeting agenda", NOW, Map.of("source", "mail")));

            assertThat(ids(m.recall(new MemoryQuery("meeting Dana", 5, Set.of(MemoryLayer.SESSION), Map.of()))))
                    .containsExactly("mail");
            assertThat(ids(m.recall(new MemoryQuery("meeting Dana", 5, Set.of(), Map.of("source", "calendar")))))
                    .containsExactlyInAnyOrder("old", "lastweek");
            List<MemoryHit> lastWeek = m.recall(MemoryQuery.of("which meetings did I have with Dana last week?", 5));
            assertThat(ids(lastWeek)).containsExactly("lastweek");
            assertThat(lastWeek.get(0).why()).contains("within 'last week'");
            assertThat(ids(m.recall(RecallRequest.builder("Dana").between(NOW.minus(Duration.ofDays(40)),
                    NOW.minus(Duration.ofDays(20))).build()))).containsExactly("old");
        }
    }

    @Test
    void aTimePhraseBoundsEventsButNotLongTermFacts() {
        try (LuceneMemory m = open()) {
            m.remember(rec("fact", MemoryLayer.LONG_TERM, "The standup with Dana is at 9:30", NOW.minus(Duration.ofDays(200)), Map.of()));
            m.remember(rec("event", MemoryLayer.EPISODIC, "Standup with Dana moved to the small room", NOW.minus(Duration.ofDays(60)),
                    Map.of()));
            assertThat(ids(m.recall(MemoryQuery.of("prepare today's standup with Dana", 5)))).containsExactly("fact");
            assertThat(ids(m.recall(RecallRequest.builder("prepare today's standup with Dana").readTimePhrases(false).build())))
                    .containsExactlyInAnyOrder("fact", "event");
        }
    }

    @Test
    void recencyAndImportanceRankOtherwiseEqualMemories() {
        try (LuceneMemory m = LuceneMemory.builder(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .retrieval(RetrievalSettings.defaults().withRecency(0.5, Duration.ofDays(7), 0.5)).build()) {
            m.remember(new MemoryRecord("stale", MemoryLayer.LONG_TERM, "Parking is on level 3", NOW.minus(Duration.ofDays(90)),
                    0.5, Map.of()));
            m.remember(new MemoryRecord("fresh", MemoryLayer.LONG_TERM, "Parking is on level 3", NOW, 0.5, Map.of()));
            m.remember(new MemoryRecord("vital", MemoryLayer.LONG_TERM, "Parking is on level 3", NOW.minus(Duration.ofDays(90)),
                    1.0, Map.of()));
            List<MemoryHit> hits = m.recall(MemoryQuery.of("where is parking", 3));
            assertThat(ids(hits)).containsExactly("fresh", "vital", "stale");
            assertThat(hits.get(0).why()).contains("from 0 minutes ago");
            assertThat(hits.get(1).why()).contains("importance 1.0");
        }
    }

    @Test
    void sessionTurnsAreFoundThroughTheWordsOfTheirNeighbours() {
        try (LuceneMemory m = open()) {
            Map<String, String> s1 = Map.of("session", "s1", "speaker", "Mel");
            m.remember(rec("t1", MemoryLayer.SESSION, "What did you get for your birthday?", NOW, s1));
            m.remember(rec("t2", MemoryLayer.SESSION, "A red one with a basket, I ride it to work now", NOW, s1));
            m.remember(rec("t3", MemoryLayer.SESSION, "Nice, the weather is great for it", NOW, s1));
            List<MemoryHit> hits = m.recall(RecallRequest.builder("birthday present").k(3).mode(RetrievalMode.LEXICAL).build());
            // t2 never says "birthday"; its question turn does, and it is indexed as t2's context
            assertThat(ids(hits)).contains("t1", "t2");
            assertThat(hits.stream().filter(h -> h.record().id().equals("t2")).findFirst().orElseThrow().why())
                    .contains("neighbouring turns");
        }
        try (LuceneMemory m = open()) {
            // after a restart the tail of the session is read back from the index
            m.remember(rec("t4", MemoryLayer.SESSION, "Yes, sunny all week", NOW, Map.of("session", "s1")));
            assertThat(ids(m.recall(RecallRequest.builder("weather sunny").k(4).mode(RetrievalMode.LEXICAL).build())))
                    .contains("t3", "t4");
            assertThat(ids(m.recall(RecallRequest.builder("sunny").k(4).mode(RetrievalMode.LEXICAL).build())))
                    .as("t3 learned its follower after the reopen").contains("t3");
        }
    }

    @Test
    void forgetsByIdWordsSessionTimeAndMetadata() {
        try (LuceneMemory m = open()) {
            m.rememberAll(List.of(
                    rec("1", MemoryLayer.SESSION, "Talked about the holiday in Crete", NOW, Map.of("session", "a")),
                    rec("2", MemoryLayer.SESSION, "Booked the ferry to Crete", NOW, Map.of("session", "a")),
                    rec("3", MemoryLayer.SESSION, "Bank password hint is the cat", NOW, Map.of("session", "b")),
                    rec("4", MemoryLayer.EPISODIC, "Sensor: door opened", NOW.minus(Duration.ofDays(3)), Map.of("source", "door")),
                    rec("5", MemoryLayer.EPISODIC, "Sensor: window opened", NOW.minus(Duration.ofDays(10)), Map.of("source", "window")),
                    rec("6", MemoryLayer.LONG_TERM, "Likes green tea", NOW, Map.of())));
            assertThat(m.forget("6")).isTrue();
            assertThat(m.forget("6")).isFalse();
            assertThat(m.forgetMatching("password hint")).isEqualTo(1);
            assertThat(m.forgetSession("a")).isEqualTo(2);
            assertThat(m.forgetBetween(NOW.minus(Duration.ofDays(5)), NOW)).isEqualTo(1);
            assertThat(m.forgetWhere(Map.of("source", "window"))).isEqualTo(1);
            assertThat(m.size()).isZero();
            assertThatThrownBy(() -> m.forgetMatching("the of")).isInstanceOf(AiOsException.class)
                    .hasMessageContaining("no searchable words");
        }
    }

    @Test
    void forgottenTextIsGoneFromTheFilesAfterTheCommit() throws IOException {
        String secret = "zq7xk2v9wplm4rtn8bcy";
        try (LuceneMemory m = open()) {
            m.remember(rec("keep", MemoryLayer.LONG_TERM, "An ordinary memory about lunch", NOW, Map.of()));
            m.remember(rec("secret", MemoryLayer.LONG_TERM, "My locker code is " + secret, NOW, Map.of()));
            assertThat(filesContain(secret)).as("positive control: the text is on disk").isTrue();
            m.forget("secret");
            assertThat(filesContain(secret)).isFalse();
            assertThat(m.recall(MemoryQuery.of(secret, 5))).extracting(h -> h.record().id()).doesNotContain("secret");
        }
    }

    private boolean filesContain(String s) throws IOException {
        byte[] needle = s.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] data;
                try {
                    data = Files.readAllBytes(f);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue;
                }
                if (new String(data, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aNewerFactSupersedesTheOldOneAndKeepsTheHistory() {
        try (LuceneMemory m = open()) {
            m.supersede("home city", new MemoryRecord("f1", MemoryLayer.LONG_TERM, "The user lives in Berlin",
                    NOW.minus(Duration.ofDays(400)), 0.8, Map.of()));
            m.supersede("home city", new MemoryRecord("f2", MemoryLayer.LONG_TERM, "The user lives in Lisbon", NOW, 0.8, Map.of()));
            assertThat(ids(m.recall(MemoryQuery.of("where does the user live", 5)))).containsExactly("f2");
            assertThat(m.history("home city")).extracting(MemoryRecord::id).containsExactly("f1", "f2");
            assertThat(m.history("home city").get(0).metadata()).containsEntry("superseded.by", "f2");
            assertThat(ids(m.recall(RecallRequest.builder("user lives").includeSuperseded(true).build())))
                    .containsExactlyInAnyOrder("f1", "f2");
        }
    }

    @Test
    void consolidationMovesFactsToLongTermOnce() {
        try (LuceneMemory m = open()) {
            Map<String, String> s = Map.of("session", "day1", "speaker", "Ana");
            m.rememberAll(List.of(
                    rec("d1", MemoryLayer.SESSION, "Good morning! How are you?", NOW, s),
                    rec("d2", MemoryLayer.SESSION, "I prefer window seats on long flights. Anyway, thanks.", NOW, s),
                    rec("d3", MemoryLayer.SESSION, "My daughter is allergic to cats.", NOW, s)));
            List<MemoryRecord> facts = m.consolidate("day1");
            assertThat(facts).extracting(MemoryRecord::text)
                    .containsExactlyInAnyOrder("Ana: I prefer window seats on long flights.", "Ana: My daughter is allergic to cats.");
            assertThat(facts).allMatch(f -> f.layer() == MemoryLayer.LONG_TERM && "day1".equals(f.metadata().get("from.session")));
            assertThat(m.consolidate("day1")).as("already known").isEmpty();
            assertThat(ids(m.recall(new MemoryQuery("seat preference", 1, Set.of(MemoryLayer.LONG_TERM), Map.of()))))
                    .containsExactly(facts.get(0).id());
        }
    }

    @Test
    void consolidationUsesTheSummarizerWhenOneIsConfigured() {
        ScriptedChatModel brain = ScriptedChatModel.replying("- Ana prefers window seats\n- Ana's daughter is allergic to cats\n");
        try (LuceneMemory m = LuceneMemory.builder(dir).summarizer(brain).build()) {
            m.remember(rec("d1", MemoryLayer.SESSION, "I always take the window seat", NOW, Map.of("session", "x", "speaker", "Ana")));
            assertThat(m.consolidate("x")).extracting(MemoryRecord::text)
                    .containsExactly("Ana prefers window seats", "Ana's daughter is allergic to cats");
            assertThat(brain.prompts().get(0)).contains("Ana: I always take the window seat");
        }
    }

    @Test
    void workingMemoryStaysInProcessAndEndsWithItsRun() {
        try (LuceneMemory m = open()) {
            m.remember(rec("w1", MemoryLayer.WORKING, "Draft reply to Sam about the offsite", NOW, Map.of("run", "r1")));
            m.remember(rec("p1", MemoryLayer.LONG_TERM, "Sam organises the offsite", NOW, Map.of()));
            assertThat(m.size()).as("persistent records only").isEqualTo(1);
            assertThat(ids(m.recall(MemoryQuery.of("offsite Sam", 5)))).containsExactlyInAnyOrder("w1", "p1");
            assertThat(m.endRun("r1")).isEqualTo(1);
            assertThat(ids(m.recall(MemoryQuery.of("offsite Sam", 5)))).containsExactly("p1");
        }
        try (LuceneMemory m = open()) {
            assertThat(m.workingSize()).isZero();
        }
    }

    @Test
    void quantizedStoreRecallsTheSame() {
        try (LuceneMemory m = LuceneMemory.builder(dir).quantized(true).build()) {
            m.remember(rec("a", MemoryLayer.LONG_TERM, "The user is allergic to peanuts", NOW, Map.of()));
            m.remember(rec("b", MemoryLayer.LONG_TERM, "The car needs new tyres before winter", NOW, Map.of()));
            assertThat(ids(m.recall(RecallRequest.builder("nut allergy").k(1).mode(RetrievalMode.VECTOR).build())))
                    .containsExactly("a");
        }
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            // reopened without the option: the per-field format recorded in the segments still reads them
            assertThat(ids(m.recall(RecallRequest.builder("tyres for winter").k(1).mode(RetrievalMode.VECTOR).build())))
                    .containsExactly("b");
        }
    }

    @Test
    void factoryIsFoundByNameAndChecksItsSettings() {
        MemoryFactory factory = ServiceLoader.load(MemoryFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("lucene")).findFirst().orElseThrow();
        try (Memory m = factory.create(Map.of("path", dir.toString(), "quantized", "true", "commit", "PT0.2S"))) {
            assertThat(m).isInstanceOf(LuceneMemory.class);
            m.remember(rec("x", MemoryLayer.LONG_TERM, "Some fact", NOW, Map.of()));
        }
        assertThatThrownBy(() -> factory.create(Map.of("path", dir.toString(), "quantised", "true")))
                .isInstanceOf(AiOsException.class).hasMessageContaining("unknown setting 'quantised'")
                .hasMessageContaining("quantized");
        assertThatThrownBy(() -> factory.create(Map.of())).hasMessageContaining("needs the setting 'path'");
        assertThatThrownBy(() -> factory.create(Map.of("path", dir.toString(), "commit", "often")))
                .hasMessageContaining("'commit'");
        assertThatThrownBy(() -> LuceneMemory.builder(dir).contextTurns(-1).build()).hasMessageContaining("contextTurns");
    }

    @Test
    void theAgentRemembersItsRunsInTheStoreAndRecallsThemLater() {
        try (LuceneMemory m = open()) {
            ScriptedChatModel brain = ScriptedChatModel.replying(
                    "{\"steps\": [{\"id\": \"s1\", \"tool\": \"notes.add\", \"arguments\": {\"text\": \"buy oat milk\"}}]}",
                    "{\"steps\": [{\"id\": \"s1\", \"tool\": \"notes.add\", \"arguments\": {\"text\": \"buy bread\"}}]}");
            InProcessToolRegistry tools = InProcessToolRegistry.builder()
                    .tool(new ToolDescriptor("notes.add", "Adds a note", "{\"type\":\"object\"}", ToolRisk.READ_ONLY),
                            args -> ToolResult.success("noted"))
                    .build();
            Agent agent = Agent.builder().brain(dev.aios.api.Brain.local("scripted", brain)).tools(tools).memory(m).build();
            RunOutcome first = agent.run(Goal.of("Add oat milk to the shopping notes"));
            assertThat(first.succeeded()).isTrue();
            assertThat(m.recall(new MemoryQuery("oat milk shopping", 3, Set.of(MemoryLayer.EPISODIC), Map.of())))
                    .isNotEmpty();
            agent.run(Goal.of("Add bread to the shopping notes"));
            assertThat(brain.prompts().get(1)).contains("oat milk");
        }
    }
}
