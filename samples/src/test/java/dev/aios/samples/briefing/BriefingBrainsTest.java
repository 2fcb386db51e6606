package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the briefing finds its draft brains; building them calls no network. */
class BriefingBrainsTest {
    @Test
    void nothingConfiguredMeansNoBrainsAndTheRuleBasedHeader() {
        try (BriefingBrains brains = BriefingBrains.configure(null, null, Map.of())) {
            assertThat(brains.brains()).isEmpty();
            assertThat(brains.describe()).isEqualTo("rule-based brain; no network, no keys");
        }
    }

    @Test
    void keysAndOllamaInTheEnvironmentBecomeBrainsWithTheirLocationAndTheKeyIsNeverShown() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-test-secret-123", "ANTHROPIC_API_KEY", "ak-test-secret-456",
                "OLLAMA_HOST", "127.0.0.1:11434");
        try (BriefingBrains brains = BriefingBrains.configure(null, null, env)) {
            assertThat(brains.brains()).extracting(Brain::name).containsExactly("ollama", "openai", "anthropic");
            assertThat(brains.brains()).extracting(b -> b.profile().location())
                    .containsExactly(BrainProfile.Location.LOCAL, BrainProfile.Location.CLOUD, BrainProfile.Location.CLOUD);
            assertThat(brains.brains().get(1).profile().inputPricePerMillion()).isEqualByComparingTo("0.15");
            assertThat(brains.describe()).contains("ollama (local)", "openai (cloud)", "anthropic (cloud)")
                    .doesNotContain("secret");
            assertThat(brains.brains().toString()).doesNotContain("secret");
        }
        assertThat(BriefingBrains.ollamaUrl("127.0.0.1:11434")).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(BriefingBrains.ollamaUrl("http://box:11434/")).isEqualTo("http://box:11434/v1");
    }

    @Test
    void aBrainFileFromTheEnvironmentIsReadAndAMissingModelFolderIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("brains.properties");
        Files.writeString(file, "brains = lab\nbrain.lab.provider = openai-compatible\nbrain.lab.model = m\n"
                + "brain.lab.baseUrl = http://localhost:9/v1\nbrain.lab.location = local\n");
        try (BriefingBrains brains = BriefingBrains.configure(null, null, Map.of("AIOS_BRAINS", file.toString()))) {
            assertThat(brains.brains()).singleElement().satisfies(b -> {
                assertThat(b.name()).isEqualTo("lab");
                assertThat(BriefingBrains.local(b)).isTrue();
            });
        }
        assertThatThrownBy(() -> BriefingBrains.configure(dir.resolve("none"), null, Map.of()))
                .hasMessageContaining("none").hasMessageContaining("does not exist");
    }
}
