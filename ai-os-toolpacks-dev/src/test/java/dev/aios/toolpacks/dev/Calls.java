package dev.aios.toolpacks.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls tools through a pack's registry, so schema checks run as they would for an agent. */
final class Calls {
    private static final AtomicInteger IDS = new AtomicInteger();

    private Calls() {}

    static ToolResult call(ToolPack pack, String tool, Map<String, Object> args) {
        return pack.call(new ToolCall("c" + IDS.incrementAndGet(), tool, args));
    }

    /** @return the text of a call that must succeed */
    static String ok(ToolPack pack, String tool, Map<String, Object> args) {
        ToolResult r = call(pack, tool, args);
        assertThat(r.error()).as("%s failed: %s", tool, r.text()).isFalse();
        return r.text();
    }

    /** @return the text of a call that must fail */
    static String fails(ToolPack pack, String tool, Map<String, Object> args) {
        ToolResult r = call(pack, tool, args);
        assertThat(r.error()).as("%s should have failed but returned: %s", tool, r.text()).isTrue();
        return r.text();
    }
}
