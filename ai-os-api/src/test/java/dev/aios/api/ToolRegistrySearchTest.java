package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRegistrySearchTest {
    private final ToolRegistry registry = new ToolRegistry() {
        @Override
        public List<ToolDescriptor> tools() {
            return List.of(
                    new ToolDescriptor("calendar.today", "List today's calendar events", ToolDescriptor.NO_ARGUMENTS,
                            ToolRisk.READ_ONLY),
                    new ToolDescriptor("mail.send", "Send an e-mail message", ToolDescriptor.NO_ARGUMENTS,
                            ToolRisk.DESTRUCTIVE),
                    new ToolDescriptor("mail.search", "Search mail messages by words", ToolDescriptor.NO_ARGUMENTS,
                            ToolRisk.READ_ONLY));
        }

        @Override
        public ToolResult call(ToolCall call) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void defaultSearchRanksByWordsShared() {
        assertThat(registry.search("search my mail messages", 2)).extracting(ToolDescriptor::name)
                .containsExactly("mail.search", "mail.send");
        assertThat(registry.find("mail.send")).isPresent();
        assertThat(registry.find("nope")).isEmpty();
    }
}
