package dev.aios.toolpacks;

import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.ShellRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code shell} pack: run the programs the host allows, with an argument list and never
 * through a shell, so {@code ;}, {@code |} and {@code $(...)} in an argument reach the program as
 * plain text. Commands run in a folder inside the working root, with only {@code PATH},
 * {@code HOME} and {@code LANG} in their environment, a time limit (default 30 s) and bounded
 * output (default 64 KiB per stream). When bubblewrap ({@code bwrap}) is installed they run in
 * its sandbox: system folders read-only, the working root read-write, no network unless
 * {@link Builder#allowNetwork()}.
 * {@snippet :
 * ToolPack shell = ShellPack.builder()
 *         .allow("git", "ls", "/usr/bin/python3")
 *         .workingRoot(Path.of("work"))
 *         .timeout(Duration.ofSeconds(10))
 *         .build();
 * }
 * Tools: {@code shell.run, shell.allowed, shell.which}. Nothing may run until {@link Builder#allow}
 * names it.
 *
 * <p>Allow only programs that are safe with any arguments the agent may choose: allowing a program
 * allows everything its arguments can do ({@code find -exec}, {@code git -c core.fsmonitor=...},
 * {@code env}, an interpreter with {@code -c}). The working root confines only the folder commands
 * start in; without bubblewrap, a program may read and write wherever the user can. Use
 * {@link Builder#requireSandbox()} where that matters.
 */
public final class ShellPack {
    private ShellPack() {}

    /** @return a builder that allows no command yet */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures what a shell pack may run, and where. */
    public static final class Builder {
        private final List<String> allowed = new ArrayList<>();
        private @Nullable Path workingRoot;
        private Duration timeout = Duration.ofSeconds(30);
        private int maxOutputBytes = 64 * 1024;
        private boolean allowNetwork;
        private boolean requireSandbox;
        private boolean sandbox = true;

        private Builder() {}

        /** Allows commands: program names (found on the PATH) or absolute paths to programs. */
        public Builder allow(String... commands) {
            for (String c : commands) {
                Objects.requireNonNull(c, "command");
                if (c.isBlank() || (c.contains("/") && !c.startsWith("/")) || c.contains(" ")) {
                    throw new IllegalArgumentException("allow: '" + c + "' is not a program name or an absolute path"
                            + " (arguments are given per call, not here)");
                }
                allowed.add(c);
            }
            return this;
        }

        /** Sets the folder commands run in (created when missing); a call's cwd must lie inside. Required to run anything. */
        public Builder workingRoot(Path folder) {
            this.workingRoot = Objects.requireNonNull(folder, "workingRoot");
            return this;
        }

        /** Sets how long a command may run before it is killed. Default 30 s. */
        public Builder timeout(Duration limit) {
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, not " + limit);
            }
            this.timeout = limit;
            return this;
        }

        /** Sets how many bytes of stdout and of stderr a result keeps. Default 64 KiB. */
        public Builder maxOutputBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxOutputBytes must be at least 1, not " + bytes);
            }
            this.maxOutputBytes = bytes;
            return this;
        }

        /** Lets commands reach the network (the sandbox otherwise cuts it); marks shell.run as open-world. */
        public Builder allowNetwork() {
            this.allowNetwork = true;
            return this;
        }

        /** Refuses to run commands when bubblewrap is not installed (default: run without it and log once). */
        public Builder requireSandbox() {
            this.requireSandbox = true;
            return this;
        }

        /**
         * Runs without bubblewrap even when it is installed, for hosts that sandbox the whole
         * process themselves. Conflicts with {@link #requireSandbox()}.
         */
        public Builder withoutSandbox() {
            this.sandbox = false;
            return this;
        }

        /**
         * @return the pack
         * @throws IllegalArgumentException if both requireSandbox and withoutSandbox were set
         */
        public ToolPack build() {
            if (requireSandbox && !sandbox) {
                throw new IllegalArgumentException("requireSandbox() and withoutSandbox() contradict each other; keep one");
            }
            ShellRunner runner = new ShellRunner(new ShellRunner.Settings(List.copyOf(allowed), workingRoot, timeout,
                    maxOutputBytes, allowNetwork, requireSandbox),
                    sandbox ? ShellRunner.findBwrap().orElse(null) : null);
            return Pack.named("shell").examples(ShellPack.class)
                    .tool("shell.run", "Run a command-line program with a list of arguments and return its exit"
                            + " code and output (stdout and stderr). Only programs the host allows can run, and"
                            + " there is no shell: pipes, ; and $() are passed literally.",
                            Schema.object().string("command", "the program, as listed by shell.allowed")
                                    .strings("args", "its arguments, one string each")
                                    .string("cwd", "the folder to run in, relative to the working root (default:"
                                            + " the working root)").required("command").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, allowNetwork, false), Output.OUTSIDE,
                            runner::run)
                    .tool("shell.allowed", "List the commands (programs) the shell tools may run, whether each is"
                            + " installed, and the sandbox, network, time and output limits.",
                            Schema.object().json(), ToolRisk.READ_ONLY, Output.COMPUTED, runner::allowed)
                    .tool("shell.which", "Check whether an allowed command or program is installed, and where its"
                            + " executable is.",
                            Schema.object().string("command", "the command name").required("command").json(),
                            ToolRisk.READ_ONLY, Output.COMPUTED, runner::which)
                    .build();
        }
    }
}
