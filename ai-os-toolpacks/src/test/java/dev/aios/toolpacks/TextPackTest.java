package dev.aios.toolpacks;

import static dev.aios.toolpacks.CoreCalls.fails;
import static dev.aios.toolpacks.CoreCalls.json;
import static dev.aios.toolpacks.CoreCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextPackTest {
    @TempDir
    Path dir;

    ToolPack text;

    @BeforeEach
    void setUp() {
        text = TextPack.builder().root(dir).build();
    }

    @Test
    void diffThenPatchTurnsOneFileIntoTheOther() throws Exception {
        Files.writeString(dir.resolve("old.txt"), "a\nb\nc\nd\n");
        Files.writeString(dir.resolve("new.txt"), "a\nB\nc\nd\ne\n");
        String diff = ok(text, "text.diff", "left_path", "old.txt", "right_path", "new.txt");
        assertThat(diff).contains("--- old.txt", "+++ new.txt", "-b", "+B", "+e");
        ok(text, "text.patch", "path", "old.txt", "diff", diff);
        assertThat(dir.resolve("old.txt")).hasContent("a\nB\nc\nd\ne");
        assertThat(Files.readString(dir.resolve("old.txt"))).isEqualTo("a\nB\nc\nd\ne\n");
        assertThat(ok(text, "text.diff", "left_text", "same", "right_text", "same")).isEqualTo("no differences");
    }

    @Test
    void patchThatDoesNotApplyNamesTheHunkAndChangesNothing() throws Exception {
        Files.writeString(dir.resolve("f.txt"), "one\ntwo\nthree\n");
        String diff = "--- f.txt\n+++ f.txt\n@@ -2,1 +2,1 @@\n-zwei\n+deux\n";
        assertThat(fails(text, "text.patch", "path", "f.txt", "diff", diff)).contains("hunk 1").contains("zwei");
        assertThat(Files.readString(dir.resolve("f.txt"))).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void statsCountsWordsAndLines() {
        JsonNode stats = json(ok(text, "text.stats", "text", "The cat and the dog.\nThe end", "top", 2));
        assertThat(stats.path("lines").asInt()).isEqualTo(2);
        assertThat(stats.path("words").asInt()).isEqualTo(7);
        assertThat(stats.path("characters").asInt()).isEqualTo(28);
        assertThat(stats.path("most_frequent").get(0).path("word").asText()).isEqualTo("the");
        assertThat(stats.path("most_frequent").get(0).path("count").asInt()).isEqualTo(3);
    }

    @Test
    void findReportsLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("log.txt"), "ok\nERROR disk full\nok\nwarn: ERROR again\n");
        JsonNode found = json(ok(text, "text.find", "path", "log.txt", "pattern", "ERROR \\w+"));
        assertThat(found.path("count").asInt()).isEqualTo(2);
        assertThat(found.path("matches").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(found.path("matches").get(1).path("line").asInt()).isEqualTo(4);
        assertThat(found.path("matches").get(1).path("column").asInt()).isEqualTo(7);
        assertThat(found.path("matches").get(1).path("match").asText()).isEqualTo("ERROR again");
        assertThat(fails(text, "text.find", "text", "x", "pattern", "(unclosed")).contains("'pattern'");
    }

    @Test
    void findStopsARunawayPattern() {
        // polynomial backtracking of degree 12: hours without the time limit
        String evil = "a".repeat(40) + "b";
        assertThat(fails(text, "text.find", "text", evil, "pattern", "(.*a){12}$")).contains("took longer");
    }

    @Test
    void replaceLiteralAndRegex() throws Exception {
        Files.writeString(dir.resolve("c.txt"), "price: $5, price: $7\n");
        assertThat(ok(text, "text.replace", "path", "c.txt", "find", "$", "replace", "USD ")).contains("2 occurrence");
        assertThat(dir.resolve("c.txt")).hasContent("price: USD 5, price: USD 7");
        ok(text, "text.replace", "path", "c.txt", "find", "USD (\\d)", "replace", "$1 dollars", "regex", true);
        assertThat(dir.resolve("c.txt")).hasContent("price: 5 dollars, price: 7 dollars");
    }

    @Test
    void anEditKeepsThePreviousVersionInTheSharedTrash() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "draft one\n");
        String said = ok(text, "text.replace", "path", "notes.txt", "find", "one", "replace", "two");
        assertThat(said).contains("previous version is in the trash");
        assertThat(dir.resolve("notes.txt")).hasContent("draft two");
        // kept in the default trash the files pack shares, as a whole copy beside its note
        try (var kept = Files.walk(dir.resolve(".trash"))) {
            assertThat(kept.filter(p -> p.getFileName().toString().equals("notes.txt")).toList())
                    .singleElement().satisfies(p -> assertThat(p).hasContent("draft one"));
        }
        ToolPack files = FilesPack.builder().root(dir).build();
        assertThat(ok(files, "files.list", "path", ".")).contains("notes.txt").doesNotContain(".trash");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void filesOutsideTheRootsAreRefused() {
        ToolPack noRoots = TextPack.builder().build();
        assertThat(fails(noRoots, "text.stats", "path", "/etc/hostname")).contains("no folders are configured");
        assertThat(fails(text, "text.stats", "path", "../x")).contains("outside");
        assertThat(fails(text, "text.stats")).contains("'path'").contains("'text'");
    }
}
