package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MathPackTest {
    private final ToolPack math = MathPack.builder().build();

    @Test
    void evaluatesExactlyWithVariables() {
        assertThat(call(math, "math.evaluate", Map.of("expression", "0.1 + 0.2")).text()).contains("\"result\":\"0.3\"");
        assertThat(call(math, "math.evaluate", Map.of("expression", "(x + 1) * 2 ^ 3", "variables", Map.of("x", 2)))
                .text()).contains("\"result\":\"24\"");
        assertThat(call(math, "math.evaluate", Map.of("expression", "1 / 3")).text())
                .contains("0.3333333333333333333333333333333333\"");
        ToolResult bad = call(math, "math.evaluate", Map.of("expression", "2 +* 3"));
        assertThat(bad.error()).isTrue();
        assertThat(bad.text()).contains("argument 'expression'");
        assertThat(call(math, "math.evaluate", Map.of("expression", "y * 2")).text()).contains("y");
    }

    @Test
    void statistics() {
        String out = call(math, "math.statistics", Map.of("numbers", List.of(2, 4, 4, 4, 5, 5, 7, 9),
                "percentiles", List.of(25, 90))).text();
        assertThat(out).contains("\"mean\":\"5\"").contains("\"median\":\"4.5\"").contains("\"mode\":[\"4\"]")
                .contains("\"populationStdDev\":\"2\"").contains("\"min\":\"2\"").contains("\"max\":\"9\"")
                .contains("\"p25\":\"4\"").contains("\"p90\":\"7.6\"");
        assertThat(call(math, "math.statistics", Map.of("numbers", List.of(0.1, 0.2))).text()).contains("\"mean\":\"0.15\"");
        assertThat(call(math, "math.statistics", Map.of("numbers", List.of())).error()).isTrue();
    }

    @Test
    void convertsUnits() {
        assertThat(call(math, "math.convert_units", Map.of("value", 1, "from", "mile", "to", "km")).text())
                .contains("\"value\":\"1.609344\"");
        assertThat(call(math, "math.convert_units", Map.of("value", 212, "from", "F", "to", "celsius")).text())
                .contains("\"value\":\"100\"");
        assertThat(call(math, "math.convert_units", Map.of("value", 1, "from", "GiB", "to", "MB")).text())
                .contains("\"value\":\"1073.741824\"");
        assertThat(call(math, "math.convert_units", Map.of("value", 90, "from", "minutes", "to", "h")).text())
                .contains("\"value\":\"1.5\"");
        assertThat(call(math, "math.convert_units", Map.of("value", 1, "from", "kg", "to", "m")).text())
                .contains("cannot convert kg (mass) to m (length)");
        assertThat(call(math, "math.convert_units", Map.of("value", 1, "from", "furlongs", "to", "m")).text())
                .contains("unknown unit 'furlongs'");
    }

    @Test
    void percentages() {
        assertThat(call(math, "math.percentage", Map.of("operation", "percent_of", "a", 15, "b", 80)).text())
                .contains("\"result\":\"12\"");
        assertThat(call(math, "math.percentage", Map.of("operation", "change", "a", 80, "b", 100)).text())
                .contains("\"result\":\"25\"");
        assertThat(call(math, "math.percentage", Map.of("operation", "share", "a", 1, "b", 8)).text())
                .contains("\"result\":\"12.5\"");
        assertThat(call(math, "math.percentage", Map.of("operation", "share", "a", 1, "b", 0)).error()).isTrue();
    }
}
