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
            return Pack.named("system").examples(SystemPack.class)
                    .tool("system.info", "Show what computer and operating system this is: OS name and version,"
                            + " uptime since boot, host name, CPU model and number of cores.",
                            none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.info())))
                    .tool("system.cpu", "Show how busy the processor is: CPU usage (load) now, overall and per"
                            + " core, with load averages. To see which programs use it, use system.processes.",
                            none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.cpu(SAMPLE))))
                    .tool("system.memory", "Show how much memory (RAM) and swap the computer has: total, used and"
                            + " free.", none.json(), ToolRisk.READ_ONLY,
                            Pack.Output.OUTSIDE, args -> ToolResult.success(Json.text(facts.memory())))
                    .tool("system.disk", "Show disk space: each drive or file system's mount point, type, size,"
                            + " used and free space (how full the disk is).",
                            none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.disks(100))))
                    .tool("system.processes", "Show the running programs (processes) using the most CPU or memory,"
                            + " like a task manager: pid, name, user, CPU percent and memory. It only lists them;"
                            + " it cannot stop one.",
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
                    .tool("system.battery", "Show the battery level (charge percent), whether it is charging, and"
                            + " the time left; says so when the computer has no battery.",
                            none.json(), ToolRisk.READ_ONLY,
                            Pack.Output.OUTSIDE, args -> {
                                List<Map<String, Object>> batteries = facts.batteries();
                                return ToolResult.success(batteries.isEmpty()
                                        ? "no battery: this machine reports none (a desktop or server on mains power)"
                                        : Json.text(batteries));
                            })
                    .tool("system.network", "Show the computer's network interfaces (Wi-Fi, Ethernet): their local"
                            + " IP addresses, MAC address, status, speed, and bytes sent and received. It does not"
                            + " test whether a website is reachable.",
                            none.json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE,
                            args -> ToolResult.success(Json.text(facts.network(100))))
                    .tool("system.notify", "Show a desktop notification (a pop-up alert) to the user with a title,"
                            + " a message and an urgency. Works only when the host allows notifications.",
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
                    .tool("system.clipboard_read", "Get the text currently copied on the clipboard (what the user"
                            + " would paste). Works only when the host allows the clipboard.",
                            none.json(), ToolRisk.READ_ONLY,
                            Pack.Output.OUTSIDE, args -> {
                                ToolHandlers.require(clip, "the clipboard is not allowed for this agent; the host"
                                        + " enables it with SystemPack.builder().allowClipboard()");
                                String text = Desktop.readClipboard();
                                return ToolResult.success(text.length() > 50_000 ? text.substring(0, 50_000)
                                        + "\n[cut: showed 50000 of " + text.length() + " characters]" : text);
                            })
                    .tool("system.clipboard_write", "Copy text to the clipboard, replacing what was there, so the"
                            + " user can paste it. Works only when the host allows the clipboard.",
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
