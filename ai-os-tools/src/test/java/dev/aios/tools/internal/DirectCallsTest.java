package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class DirectCallsTest {
    private final DirectCalls calls = new DirectCalls(McpJsonDefaults.getMapper());
    private final AtomicReference<McpSchema.JSONRPCRequest> sent = new AtomicReference<>();

    /** @return the answer to a new call; {@link #sent} holds the request it wrote */
    private CompletableFuture<McpSchema.CallToolResult> call() {
        return calls.call(McpSchema.CallToolRequest.builder("echo").build(), sent::set);
    }

    /** @return the id of the request written last */
    private String id() {
        return (String) sent.get().id();
    }

    @Test
    void anAnswerToOurCallCompletesItWithTheTypedResult() throws Exception {
        CompletableFuture<McpSchema.CallToolResult> answer = call();
        String id = id();
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"content\":[{\"type\":\"text\","
                + "\"text\":\"Echo: ping\"}],\"structuredContent\":{\"n\":1}}}")).isTrue();
        McpSchema.CallToolResult result = answer.get();
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("Echo: ping");
        assertThat(result.structuredContent()).isEqualTo(java.util.Map.of("n", 1));
    }

    @Test
    void anErrorAnswerFailsTheCallWithTheServersError() {
        CompletableFuture<McpSchema.CallToolResult> answer = call();
        String id = id();
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"error\":{\"code\":-32602,"
                + "\"message\":\"Unknown tool: nope\"}}")).isTrue();
        Assertions.assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: nope");
    }

    @Test
    void messagesThatAreNotAnswersToOurCallsGoToTheSession() {
        CompletableFuture<McpSchema.CallToolResult> answer = call();
        String id = id();
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
        call().cancel(true);
        String late = id();
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + late + "\",\"result\":{\"content\":[]}}")).isTrue();

        CompletableFuture<McpSchema.CallToolResult> answer = call();
        String broken = id();
        assertThat(calls.offer("{\"jsonrpc\":\"2.0\",\"id\":\"" + broken + "\",\"result\":{\"content\":\"not a list\"}}"))
                .isTrue();
        Assertions.assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("not a tool result");
    }

    @Test
    void aRequestThatCannotBeWrittenFailsItsCall() {
        CompletableFuture<McpSchema.CallToolResult> answer = calls.call(McpSchema.CallToolRequest.builder("echo").build(),
                request -> {
                    throw new IllegalStateException("MCP server 'e' no longer reads its stdin");
                });
        Assertions.assertThatThrownBy(answer::get).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("no longer reads");
    }
}
