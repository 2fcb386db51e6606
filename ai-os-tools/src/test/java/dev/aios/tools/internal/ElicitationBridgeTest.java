package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.tools.McpElicitation;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElicitationBridgeTest {
    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties", Map.of(
            "name", Map.of("type", "string"),
            "size", Map.of("type", "integer", "default", 3),
            "color", Map.of("type", "string", "enum", List.of("red", "blue"))), "required", List.of("name"));

    private static McpSchema.ElicitResult answer(McpElicitation handler) {
        return new ElicitationBridge(handler).answer("srv", new McpSchema.ElicitFormRequest("Size?", SCHEMA, null));
    }

    @Test
    void fillsInDefaultsAndSendsAnAnswerThatFits() {
        McpSchema.ElicitResult result = answer(r -> McpElicitation.Answer.accept(Map.of("name", "Ann", "color", "red")));
        assertThat(result.action()).isEqualTo(McpSchema.ElicitResult.Action.ACCEPT);
        assertThat(result.content()).containsEntry("name", "Ann").containsEntry("size", 3).containsEntry("color", "red");
    }

    @Test
    void refusesToSendAnAnswerThatDoesNotFit() {
        assertThatThrownBy(() -> answer(r -> McpElicitation.Answer.accept(Map.of("color", "green"))))
                .isInstanceOf(McpError.class).hasMessageContaining("does not fit the requested schema")
                .hasMessageContaining("name").hasMessageContaining("color");
    }

    @Test
    void declinesByDefaultAndPassesDeclineAndCancel() {
        assertThat(answer(McpElicitation.DECLINE).action()).isEqualTo(McpSchema.ElicitResult.Action.DECLINE);
        assertThat(answer(r -> McpElicitation.Answer.cancel()).action()).isEqualTo(McpSchema.ElicitResult.Action.CANCEL);
        assertThat(answer(r -> {
            assertThat(r.provenance().isTrusted()).isFalse();
            assertThat(r.server()).isEqualTo("srv");
            return McpElicitation.Answer.decline();
        }).content()).isNull();
    }

    @Test
    void aHandlerThatFailsIsAnErrorToTheServer() {
        assertThatThrownBy(() -> answer(r -> {
            throw new IllegalStateException("console closed");
        })).isInstanceOf(McpError.class).hasMessageContaining("could not be asked: console closed");
    }
}
