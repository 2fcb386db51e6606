package dev.aios.runtime;

import dev.aios.api.GateDecision;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRisk;
import dev.aios.api.spi.GatePolicy;
import dev.aios.api.spi.GateRequest;
import dev.aios.api.spi.RunContext;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The default gate: decides by the tool's {@link ToolRisk} and the goal's tags. Rules, first
 * match wins:
 * <ol>
 *   <li>a verdict set for the tool by name ({@link Builder#tool});</li>
 *   <li>a goal tagged {@value dev.aios.api.Goal#PRIVATE} never calls an open-world tool (its
 *       data would leave the machine): {@link Builder#privateOpenWorld}, default DENY;</li>
 *   <li>the verdict for the tool's risk level: read-only ALLOW, side-effecting ALLOW,
 *       destructive ASK by default.</li>
 * </ol>
 * {@snippet :
 * GatePolicy gate = RiskPolicy.builder()
 *         .onSideEffecting(GateDecision.Verdict.ASK)    // every write needs a human
 *         .tool("tracker.create_issue", GateDecision.Verdict.ALLOW)
 *         .build();
 * }
 */
public final class RiskPolicy implements GatePolicy {
    private static final RiskPolicy DEFAULTS = builder().build();

    private final Map<ToolRisk.Level, Verdict> byLevel;
    private final Verdict privateOpenWorld;
    private final Map<String, Verdict> byTool;

    private RiskPolicy(Builder b) {
        this.byLevel = new EnumMap<>(b.byLevel);
        this.privateOpenWorld = b.privateOpenWorld;
        this.byTool = Map.copyOf(b.byTool);
    }

    /**
     * Creates the default policy. Public so {@link java.util.ServiceLoader} can find it under the
     * name {@code risk}; prefer {@link #defaults()} in code.
     */
    public RiskPolicy() {
        this(new Builder());
    }

    /** @return the policy with every default */
    public static RiskPolicy defaults() {
        return DEFAULTS;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "risk";
    }

    @Override
    public GateDecision decide(GateRequest request) {
        ToolDescriptor tool = request.tool();
        RunContext run = request.run();
        Verdict named = byTool.get(tool.name());
        if (named != null) {
            return new GateDecision(named, "risk policy: rule for tool " + tool.name() + " says " + named);
        }
        if (run.goal().isPrivate() && tool.risk().openWorld()) {
            return new GateDecision(privateOpenWorld, "risk policy: the goal is private and " + tool.name()
                    + " reaches beyond this machine");
        }
        ToolRisk.Level level = tool.risk().level();
        Verdict verdict = byLevel.get(level);
        return new GateDecision(verdict, "risk policy: " + tool.name() + " is "
                + level.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", and such tools get " + verdict);
    }

    @Override
    public String toString() {
        return "RiskPolicy" + byLevel + ", private+open-world=" + privateOpenWorld + ", tools=" + byTool;
    }

    /** Builds a {@link RiskPolicy}; every option has a default. */
    public static final class Builder {
        private final Map<ToolRisk.Level, Verdict> byLevel = new EnumMap<>(Map.of(
                ToolRisk.Level.READ_ONLY, Verdict.ALLOW,
                ToolRisk.Level.SIDE_EFFECTING, Verdict.ALLOW,
                ToolRisk.Level.DESTRUCTIVE, Verdict.ASK));
        private Verdict privateOpenWorld = Verdict.DENY;
        private final Map<String, Verdict> byTool = new LinkedHashMap<>();

        private Builder() {}

        /** Verdict for read-only tools (default ALLOW). */
        public Builder onReadOnly(Verdict verdict) {
            byLevel.put(ToolRisk.Level.READ_ONLY, Objects.requireNonNull(verdict, "verdict"));
            return this;
        }

        /** Verdict for side-effecting tools (default ALLOW). */
        public Builder onSideEffecting(Verdict verdict) {
            byLevel.put(ToolRisk.Level.SIDE_EFFECTING, Objects.requireNonNull(verdict, "verdict"));
            return this;
        }

        /** Verdict for destructive tools (default ASK). */
        public Builder onDestructive(Verdict verdict) {
            byLevel.put(ToolRisk.Level.DESTRUCTIVE, Objects.requireNonNull(verdict, "verdict"));
            return this;
        }

        /** Verdict for open-world tools on private goals (default DENY). */
        public Builder privateOpenWorld(Verdict verdict) {
            privateOpenWorld = Objects.requireNonNull(verdict, "verdict");
            return this;
        }

        /** Verdict for one tool by name, ahead of every other rule. */
        public Builder tool(String toolName, Verdict verdict) {
            if (toolName == null || toolName.isBlank()) {
                throw new IllegalArgumentException("tool name must not be blank");
            }
            byTool.put(toolName, Objects.requireNonNull(verdict, "verdict"));
            return this;
        }

        /** @return the policy */
        public RiskPolicy build() {
            return new RiskPolicy(this);
        }
    }
}
