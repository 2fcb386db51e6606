package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.inference.local.internal.JsonGrammar.Config;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonGrammarTest {
    static final String ARGUMENTS = """
            {"type":"object","properties":{
              "city":{"type":"string","minLength":1,"maxLength":20},
              "unit":{"enum":["celsius","fahrenheit"]},
              "days":{"type":"integer"},
              "ratio":{"type":["number","null"]},
              "tags":{"type":"array","items":{"type":"string","maxLength":5},"minItems":1,"maxItems":3},
              "where":{"type":"object","properties":{"lat":{"type":"number"},"ok":{"type":"boolean"}},
                       "required":["lat"],"additionalProperties":false}},
             "required":["city","unit","where"],"additionalProperties":false}""";

    private static List<Config> after(String schema, String text) {
        return JsonGrammar.step(JsonGrammar.initial(JsonSchemaCompiler.compile(schema)),
                text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean whole(String schema, String text) {
        return JsonGrammar.accepting(after(schema, text));
    }

    private static boolean prefix(String schema, String text) {
        return !after(schema, text).isEmpty();
    }

    @Test
    void acceptsDocumentsOfTheSchemaInAnyPropertyOrder() {
        assertThat(whole(ARGUMENTS, "{\"city\":\"Oslo\",\"unit\":\"celsius\",\"where\":{\"lat\":59.9}}")).isTrue();
        assertThat(whole(ARGUMENTS, "{\"where\": {\"ok\":true,\"lat\":-1e5}, \"unit\":\"fahrenheit\",\"city\":\"A\","
                + "\"tags\":[\"a\",\"bc\"],\"days\":0,\"ratio\":null}")).isTrue();
        assertThat(JsonGrammar.finished(after(ARGUMENTS, "{\"city\":\"Oslo\",\"unit\":\"celsius\",\"where\":{\"lat\":1}}")))
                .isTrue();
    }

    @Test
    void rejectsWhatBreaksTheSchema() {
        assertThat(prefix(ARGUMENTS, "{\"cty")).isFalse(); // not a declared property
        assertThat(prefix(ARGUMENTS, "{\"city\":\"\"")).isFalse(); // minLength 1
        assertThat(prefix(ARGUMENTS, "{\"city\":\"a\",\"city\"")).isFalse(); // a key twice
        assertThat(prefix(ARGUMENTS, "{\"unit\":\"kelvin")).isFalse(); // not in the enum
        assertThat(prefix(ARGUMENTS, "{\"days\":1.5")).isFalse(); // an integer
        assertThat(prefix(ARGUMENTS, "{\"days\":01")).isFalse(); // no leading zeros
        assertThat(prefix(ARGUMENTS, "{\"tags\":[]")).isFalse(); // minItems 1
        assertThat(prefix(ARGUMENTS, "{\"tags\":[\"a\",\"b\",\"c\",")).isFalse(); // maxItems 3
        assertThat(prefix(ARGUMENTS, "{\"tags\":[\"abcdef")).isFalse(); // maxLength 5
        assertThat(prefix(ARGUMENTS, "{\"city\":\"a\"}")).isFalse(); // unit and where are required
        assertThat(whole(ARGUMENTS, "{\"city\":\"a\",\"unit\":\"celsius\",\"where\":{\"lat\":1}} ")).isFalse();
        assertThat(prefix(ARGUMENTS, "{\"city\":\"a\",}")).isFalse();
        assertThat(prefix(ARGUMENTS, "   {")).isFalse(); // at most two whitespace bytes in a row
    }

    @Test
    void handlesEscapesAndUnicode() {
        String s = "{\"type\":\"string\"}";
        assertThat(whole(s, "\"a\\\"b\\\\c\\/\\n\\u00e9\\uD83D\"")).isFalse(); // \uD83D is a surrogate
        assertThat(whole(s, "\"a\\\"b\\\\c\\/\\n\\u00e9\"")).isTrue();
        assertThat(prefix(s, "\"\\x")).isFalse();
        assertThat(prefix(s, "\"\\u12g")).isFalse();
        assertThat(whole(s, "\"grüße 日本 🎉\"")).isTrue();
        assertThat(prefix(s, "\"a\nb")).isFalse(); // raw control characters are not allowed
        // A multi-byte character split across tokens: the first half is a valid prefix, a wrong second half is not.
        byte[] emoji = "🎉".getBytes(StandardCharsets.UTF_8);
        List<Config> state = after(s, "\"");
        state = JsonGrammar.step(state, new byte[] {emoji[0], emoji[1]});
        assertThat(state).isNotEmpty();
        assertThat(JsonGrammar.step(state, '"')).isEmpty();
        assertThat(JsonGrammar.step(state, new byte[] {emoji[2], emoji[3], '"'})).isNotEmpty();
        assertThat(JsonGrammar.step(after(s, "\""), 0xC0)).isEmpty(); // an overlong lead byte
        assertThat(JsonGrammar.step(after(s, "\""), new byte[] {(byte) 0xED, (byte) 0xA0})).isEmpty(); // a surrogate
        // maxLength counts characters, not bytes
        assertThat(whole("{\"type\":\"string\",\"maxLength\":2}", "\"日本\"")).isTrue();
        assertThat(prefix("{\"type\":\"string\",\"maxLength\":2}", "\"日本語")).isFalse();
    }

    @Test
    void readsNumbers() {
        String n = "{\"type\":\"number\"}";
        for (String ok : List.of("0", "-0", "12", "-3.25", "1e5", "1E+2", "2.5e-3", "0.0")) {
            assertThat(whole(n, ok)).as(ok).isTrue();
        }
        for (String bad : List.of("-", "1.", "1e", "1e+", ".5", "+1")) {
            assertThat(whole(n, bad)).as(bad).isFalse();
        }
        assertThat(prefix(n, "0x")).isFalse();
        assertThat(prefix(n, "1234567890123456")).isFalse(); // at most 15 digits
        assertThat(whole("{\"type\":\"integer\"}", "-42")).isTrue();
        assertThat(prefix("{\"type\":\"integer\"}", "4e")).isFalse();
    }

    @Test
    void followsAnyOfRefsAndConst() {
        String schema = """
                {"$defs":{"node":{"type":"object","properties":{"name":{"const":"n"},
                  "kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["name"],
                  "additionalProperties":false}},
                 "anyOf":[{"$ref":"#/$defs/node"},{"type":"string","maxLength":3},{"type":"null"}]}""";
        assertThat(whole(schema, "{\"name\":\"n\",\"kids\":[{\"name\":\"n\",\"kids\":[]},{\"name\":\"n\"}]}")).isTrue();
        assertThat(whole(schema, "\"abc\"")).isTrue();
        assertThat(whole(schema, "null")).isTrue();
        assertThat(prefix(schema, "{\"name\":\"m")).isFalse();
        assertThat(prefix(schema, "\"abcd")).isFalse();
    }

    @Test
    void freeObjectsTakeAnyKeysButNotTwice() {
        String any = "{\"type\":\"object\"}";
        assertThat(whole(any, "{\"a\":[1,{\"b\":null}],\"c\":\"d\",\"e\":true}")).isTrue();
        assertThat(prefix(any, "{\"a\":1,\"a\":")).isFalse();
        assertThat(prefix(any, "[")).isFalse();
        assertThat(prefix(any, "{\"a\\n")).isFalse(); // no escapes in free keys
    }

    @Test
    void shortestCompletionCanAlwaysBeFollowedByteByByte() {
        // From any reachable state, some byte shortens the shortest completion by exactly one: so a
        // document forced to close in its last tokens always can.
        SplittableRandom random = new SplittableRandom(7);
        for (String schema : List.of(ARGUMENTS, "{\"type\":\"object\"}", "{\"type\":\"array\",\"items\":{\"type\":\"string\",\"minLength\":3},\"minItems\":2}")) {
            for (int walk = 0; walk < 200; walk++) {
                List<Config> state = JsonGrammar.initial(JsonSchemaCompiler.compile(schema));
                for (int step = 0; step < 80 && !JsonGrammar.finished(state); step++) {
                    List<Integer> ok = new ArrayList<>();
                    for (int b = 0; b < 256; b++) {
                        if (!JsonGrammar.step(state, b).isEmpty()) {
                            ok.add(b);
                        }
                    }
                    assertThat(ok).as("a live state has a next byte").isNotEmpty();
                    state = JsonGrammar.step(state, ok.get(random.nextInt(ok.size())));
                }
                int close = JsonGrammar.minClose(state);
                for (int left = close; left > 0; left--) {
                    List<Config> best = null;
                    for (int b = 0; b < 256 && best == null; b++) {
                        List<Config> next = JsonGrammar.step(state, b);
                        if (!next.isEmpty() && JsonGrammar.minClose(next) == left - 1) {
                            best = next;
                        }
                    }
                    assertThat(best).as("a byte that brings the end one closer").isNotNull();
                    state = best;
                }
                assertThat(JsonGrammar.accepting(state)).isTrue();
            }
        }
    }

    @Test
    void badSchemasFailWithTheProblemNamed() {
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"type\":\"string\",\"pattern\":\"a+\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"pattern\" is not supported");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"type\":"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"type\":\"strin\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type \"strin\"");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"$ref\":\"https://example.com/s.json\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$ref");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"$ref\":\"#/$defs/missing\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points at nothing");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"type\":\"array\",\"minItems\":3,\"maxItems\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minItems 3 > maxItems 1");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"string\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oneOf branches 0 and 1");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"type\":\"integer\",\"enum\":[\"a\"]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enum");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"$defs\":{\"a\":{\"type\":\"object\",\"properties\":"
                + "{\"b\":{\"$ref\":\"#/$defs/a\"}},\"required\":[\"b\"]}},\"$ref\":\"#/$defs/a\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no finite value");
        assertThatThrownBy(() -> JsonSchemaCompiler.compile("{\"properties\":{},\"required\":[\"x\"],"
                + "\"additionalProperties\":false}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"x\" is required");
        // annotations are fine
        JsonSchemaCompiler.compile("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"title\":\"t\","
                + "\"description\":\"d\",\"type\":\"string\",\"format\":\"date\",\"default\":\"x\",\"examples\":[\"y\"]}");
    }
}
