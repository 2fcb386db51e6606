package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolRisk;
import dev.aios.tools.internal.RiskAnnotations;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import org.junit.jupiter.api.Test;

class RiskMappingTest {

    @Test
    void noHintsIsTheSafeDefault() {
        assertThat(RiskAnnotations.fromAnnotations(null)).isEqualTo(ToolRisk.UNKNOWN);
        assertThat(RiskAnnotations.fromAnnotations(new ToolAnnotations("title only", null, null, null, null, null)))
                .isEqualTo(ToolRisk.UNKNOWN);
    }

    @Test
    void hintsMapToLevelsAndFlags() {
        assertThat(RiskAnnotations.fromAnnotations(new ToolAnnotations(null, true, null, null, false, null)))
                .isEqualTo(ToolRisk.READ_ONLY);
        assertThat(RiskAnnotations.fromAnnotations(new ToolAnnotations(null, false, true, false, null, null)))
                .isEqualTo(new ToolRisk(ToolRisk.Level.DESTRUCTIVE, true, false));
        assertThat(RiskAnnotations.fromAnnotations(new ToolAnnotations(null, false, false, true, false, null)))
                .isEqualTo(new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true));
    }

    @Test
    void roundTripsThroughAnnotations() {
        for (ToolRisk risk : new ToolRisk[] {ToolRisk.READ_ONLY, ToolRisk.SIDE_EFFECTING, ToolRisk.DESTRUCTIVE,
                ToolRisk.UNKNOWN, new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true)}) {
            assertThat(RiskAnnotations.fromAnnotations(RiskAnnotations.toAnnotations(null, risk))).isEqualTo(risk);
        }
    }
}
