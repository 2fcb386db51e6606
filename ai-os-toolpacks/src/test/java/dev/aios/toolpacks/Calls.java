package dev.aios.toolpacks;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls a pack's tool through its registry, so the schema check runs as in a real run. */
final class Calls {
    private static final AtomicInteger IDS = new AtomicInteger();

    private Calls() {}

    static ToolResult call(ToolRegistry pack, String tool, Map<String, Object> args) {
        return pack.call(new ToolCall("c" + IDS.incrementAndGet(), tool, args));
    }
}
