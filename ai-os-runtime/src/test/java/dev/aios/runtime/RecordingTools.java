package dev.aios.runtime;

import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.tools.ToolHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** In-process tools for loop tests that record every call they receive, in order. */
final class RecordingTools {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final InProcessToolRegistry.Builder builder = InProcessToolRegistry.builder();

    /** Adds a tool that records its call and answers with {@code handler}. */
    RecordingTools tool(String name, ToolRisk risk, ToolHandler handler) {
        builder.tool(new ToolDescriptor(name, "test tool " + name, "{\"type\":\"object\"}", risk), args -> {
            calls.add(name + args);
            return handler.call(args);
        });
        return this;
    }

    /** Adds a tool that echoes its {@code text} argument (or its name) prefixed by {@code name:}. */
    RecordingTools echo(String name, ToolRisk risk) {
        return tool(name, risk, args -> ToolResult.success(name + ":" + args.getOrDefault("text", "")));
    }

    /** @return an agent builder over these tools, with a scripted brain, the listener and fast retries */
    Agent.Builder agent(dev.aios.testing.ScriptedChatModel brain, RecordingListener listener) {
        return Agent.builder()
                .brain(dev.aios.api.Brain.local("scripted", brain))
                .tools(registry())
                .listener(listener)
                .retryBackoff(java.time.Duration.ofMillis(1));
    }

    InProcessToolRegistry registry() {
        return builder.build();
    }

    long callsTo(String name) {
        synchronized (calls) {
            return calls.stream().filter(c -> c.startsWith(name + "{")).count();
        }
    }

    static Map<String, Object> text(String value) {
        return Map.of("text", value);
    }
}
