package dev.aios.toolpacks;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Desktop;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.SystemFacts;
import dev.aios.toolpacks.internal.ToolHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Tools about this machine, read with OSHI: OS and CPU, CPU load, memory, disks, top processes,
 * battery and network; and, only when the host allows them, desktop notifications and the
 * clipboard. Results are labelled untrusted (process and interface names are chosen by whoever
 * started them). Process command lines are never shown, as they often hold secrets.
 * {@snippet :
 * ToolPack system = SystemPack.builder()
 *         .allowNotifications()   // system.notify; denied by default
 *         .allowClipboard()       // system.clipboard_read and _write; denied by default
 *         .build();
 * }
 */
public final class SystemPack {
    private static final Duration SAMPLE = Duration.ofMillis(500);

    private SystemPack() {}

    /** @return a builder; notifications and the clipboard are denied until allowed */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a system pack. */
    public static final class Builder {
        private boolean notifications;
        private boolean clipboard;

        private Builder() {}

        /** Allows {@code system.notify} to show desktop notifications (denied by default). */
        public Builder allowNotifications() {
            this.notifications = true;
            return this;
        }

        /** Allows {@code system.clipboard_read} and {@code system.clipboard_write} (denied by default). */
        public Builder allowClipboard() {
            this.clipboard = true;
            return this;
        }

        /** @return the pack {@code system} */
        public ToolPack build() {
            SystemFacts facts = new SystemFacts();
            boolean notify = notifications;
            boolean clip = clipboard;
            Schema none = Schema.object();
            return Pack.named("system")
                    .tool("system.info", "This machine's operating system, version, uptime, host name, CPU model and"
                                    + " core counts.", none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.info())))
                    .tool("system.cpu", "The CPU load now (sampled over half a second), overall and per core, with"
                                    + " load averages.", none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.cpu(SAMPLE))))
                    .tool("system.memory", "RAM and swap: total, used and free.", none.json(), ToolRisk.READ_ONLY,
                            Pack.Output.OUTSIDE, args -> ToolResult.success(Json.text(facts.memory())))
                    .tool("system.disk", "The file systems: mount point, type, size, used and free space.",
                            none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.disks(100))))
                    .tool("system.processes", "The processes using the most CPU or memory: pid, name, user, CPU"
                                    + " percent and memory.",
                            Schema.object().choice("sortBy", "what to rank by (default cpu)", List.of("cpu", "memory"))
                                    .integer("limit", "how many processes (default 10, at most 100)").json(),
                            ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, args -> {
                                long limit = Args.integer(args, "limit", 10);
                                if (limit < 1 || limit > 100) {
                                    throw new IllegalArgumentException("argument 'limit' must be within 1..100");
                                }
                                boolean byCpu = !"memory".equals(Args.string(args, "sortBy", "cpu"));
                                return ToolResult.success(Json.text(facts.processes(byCpu, (int) limit, SAMPLE)));
                            })
                    .tool("system.battery", "The battery's charge, whether it is charging, and the time left; says so"
                                    + " when the machine has no battery.", none.json(), ToolRisk.READ_ONLY,
                            Pack.Output.OUTSIDE, args -> {
                                List<Map<String, Object>> batteries = facts.batteries();
                                return ToolResult.success(batteries.isEmpty()
                                        ? "no battery: this machine reports none (a desktop or server on mains power)"
                                        : Json.text(batteries));
                            })
                    .tool("system.network", "The network interfaces: addresses, status, and bytes sent and received.",
                            none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.network(100))))
                    .tool("system.notify", "Shows a desktop notification to the user.",
                            Schema.object().string("title", "the headline").string("message", "the text")
                                    .choice("urgency", "how urgent (default normal)", List.of("low", "normal", "critical"))
                                    .required("title", "message").json(), ToolRisk.SIDE_EFFECTING, Pack.Output.COMPUTED,
                            args -> {
                                ToolHandlers.require(notify, "notifications are not allowed for this agent; the host"
                                        + " enables them with SystemPack.builder().allowNotifications()");
                                Desktop.notify(Args.string(args, "title"), Args.text(args, "message"),
                                        Args.string(args, "urgency", "normal"));
                                return ToolResult.success("notification shown");
                            })
                    .tool("system.clipboard_read", "The text on the clipboard.", none.json(), ToolRisk.READ_ONLY,
                            Pack.Output.OUTSIDE, args -> {
                                ToolHandlers.require(clip, "the clipboard is not allowed for this agent; the host"
                                        + " enables it with SystemPack.builder().allowClipboard()");
                                String text = Desktop.readClipboard();
                                return ToolResult.success(text.length() > 50_000 ? text.substring(0, 50_000)
                                        + "\n[cut: showed 50000 of " + text.length() + " characters]" : text);
                            })
                    .tool("system.clipboard_write", "Puts text on the clipboard, replacing what was there.",
                            Schema.object().string("text", "the text").required("text").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true), Pack.Output.COMPUTED, args -> {
                                ToolHandlers.require(clip, "the clipboard is not allowed for this agent; the host"
                                        + " enables it with SystemPack.builder().allowClipboard()");
                                String text = Args.text(args, "text");
                                Desktop.writeClipboard(text);
                                return ToolResult.success("put " + text.length() + " characters on the clipboard");
                            })
                    .build();
        }
    }
}
