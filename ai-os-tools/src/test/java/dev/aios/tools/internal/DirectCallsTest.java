package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class DirectCallsTest {
    private final DirectCalls calls = new DirectCalls(McpJsonDefaults.getMapper());

    @Test
    void anAnswerToOurCallCompletesItWithTheTypedResult() throws Exception {
        String id = calls.nextId();
        CompletableFuture<McpSchema.CallToolResult> answer = calls.expect(id);
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"content\":[{\"type\":\"text\","
                + "\"text\":\"Echo: ping\"}],\"structuredContent\":{\"n\":1}}}")).isTrue();
        McpSchema.CallToolResult result = answer.get();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("Echo: ping");
        assertThat(result.structuredContent()).isEqualTo(java.util.Map.of("n", 1));
    }

    @Test
    void anErrorAnswerFailsTheCallWithTheServersError() {
        String id = calls.nextId();
        CompletableFuture<McpSchema.CallToolResult> answer = calls.expect(id);
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"error\":{\"code\":-32602,"
                + "\"message\":\"Unknown tool: nope\"}}")).isTrue();
        Assertions.assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: nope");
    }

    @Test
    void messagesThatAreNotAnswersToOurCallsGoToTheSession() {
        String id = calls.nextId();
        CompletableFuture<McpSchema.CallToolResult> answer = calls.expect(id);
        // the session's own ids, a notification quoting our id in its text, and a request
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"3f2a-7\",\"result\":{\"tools\":[]}}")).isFalse();
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\","
                + "\"data\":\"working on " + id + "\"}}")).isFalse();
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"sampling/createMessage\",\"params\":{\"note\":\""
                + id + "\"}}")).isFalse();
        assertThat(answer).isNotDone();
    }

    @Test
    void aLateAnswerIsDroppedAndAMalformedOneFailsItsCallInsteadOfHanging() {
        String late = calls.nextId();
        calls.expect(late);
        calls.forget(late);
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + late + "\",\"result\":{\"content\":[]}}")).isTrue();

        String broken = calls.nextId();
        CompletableFuture<McpSchema.CallToolResult> answer = calls.expect(broken);
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + broken + "\",\"result\":{\"content\":\"not a list\"}}"))
                .isTrue();
        Assertions.assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("not a tool result");
    }
}
