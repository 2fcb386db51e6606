package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What the relay does to each client message, and how a cancellation finds its call. */
class CallRelayTest {

    @Test
    void tagsToolCallsAndPassesOtherMessagesUnchanged() {
        CallRelay relay = new CallRelay();
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        assertThat(relay.process(ping, "s")).isSameAs(ping);
        assertThat(relay.process("not json", "s")).isEqualTo("not json");
        assertThat(relay.process("[1,2]", "s")).isEqualTo("[1,2]");
        String tagged = relay.process("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"t\","
                + "\"_meta\":{\"progressToken\":5,\"dev.aios/call\":\"forged\"}}}", "s");
        assertThat(tagged).contains("\"dev.aios/call\":\"s/\\\"a\\\"\"").contains("\"progressToken\":5").doesNotContain("forged");
    }

    @Test
    void aCancellationBeforeOrDuringTheCallReachesItAndIsConsumed() {
        CallRelay relay = new CallRelay();
        relay.process("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", "s1");
        assertThat(relay.process("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}",
                "other-session")).isNull();
        assertThat(relay.process("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7,"
                + "\"reason\":\"bored\"}}", "s1")).isNull();
        CancelSignal signal = relay.started("s1/7");
        assertThat(signal.isCancelled()).isTrue();
        assertThat(signal.reason()).isEqualTo("bored");
        relay.finished("s1/7");

        relay.process("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}", "s1");
        CancelSignal running = relay.started("s1/8");
        AtomicBoolean ran = new AtomicBoolean();
        running.onCancel(() -> ran.set(true));
        assertThat(running.isCancelled()).isFalse();
        relay.process("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":8}}", "s1");
        assertThat(running.isCancelled()).isTrue();
        assertThat(ran).isTrue();
    }

    @Test
    void anInterruptMeantForACallDoesNotOutliveIt() {
        CancelSignal signal = new CancelSignal();
        signal.bind();
        signal.cancel("stop");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        signal.unbind();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        signal.cancel("again"); // after the handler returned: interrupts nothing
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
