package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments checked as a tree built from the map give the answers the JSON text gave. */
class ArgumentTreeTest {
    private static final ArgumentSchema SCHEMA = ArgumentSchema.compile("t", JsonCodec.readObject("""
            {"type":"object","properties":{
              "count":{"type":"integer","maximum":10},
              "ratio":{"type":"number"},
              "tags":{"type":"array","items":{"type":"string"}},
              "task":{"type":"object","properties":{"done":{"type":"boolean"}},"required":["done"]},
              "note":{"type":["string","null"]}},
             "required":["count"],"additionalProperties":false}""", "schema"));

    @Test
    void everyJsonTypeAsJavaBuildsItGivesTheSameVerdict() {
        Map<String, Object> fine = new HashMap<>();
        fine.put("count", 7L);
        fine.put("ratio", new BigDecimal("0.25"));
        fine.put("tags", List.of("a", "b"));
        fine.put("task", Map.of("done", true));
        fine.put("note", null);
        assertThat(ArgumentTree.of(fine)).isNotNull();
        assertThat(SCHEMA.problems(fine)).isEmpty();
        assertThat(SCHEMA.problems(Map.of("count", BigInteger.valueOf(11), "tags", List.of("a", 3),
                "task", Map.of(), "extra", 1.5f)))
                .containsExactlyInAnyOrder("argument 'count': must have a maximum value of 10",
                        "argument 'tags[1]': integer found, string expected",
                        "missing required argument 'task.done'",
                        "unknown argument 'extra': the schema allows no arguments but those it lists");
    }

    @Test
    void aValueOfAnotherTypeFallsBackToTheJsonText() {
        record Point(int x, int y) {}
        Map<String, Object> arguments = Map.of("count", 1, "task", new Point(1, 2));
        assertThat(ArgumentTree.of(arguments)).isNull();
        assertThat(SCHEMA.problems(arguments)).containsExactly("missing required argument 'task.done'");
        assertThat(ArgumentTree.of(Map.of("ratio", Double.NaN))).as("not JSON: left to the text path").isNull();
        assertThat(ArgumentTree.of(Map.of("tags", Arrays.asList("a", null)))).isNotNull();
    }
}
