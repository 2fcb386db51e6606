package dev.aios.tools;

import dev.aios.api.AiOsException;
import dev.aios.api.BrainRouter;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Whether and how MCP servers may use our brains ({@code sampling/createMessage}). A server's
 * sampling request is a model call the user pays for, written by the server, so it passes three
 * checks before any brain sees it:
 * <ol>
 *   <li>gate: only servers the host {@linkplain Builder#allow allowed} may sample at all (every
 *       other server's request is refused with an error that says so), and the host's
 *       {@link McpSamplingPolicy} allows, denies or asks a person about each request;
 *   <li>budget: per server, at most {@link #maxCalls()} calls and {@link #maxTokens()} tokens
 *       (input plus output) over the registry's life, and at most {@link #maxCost()} per call;
 *   <li>privacy: the request's text is untrusted data from that server, and it is marked private
 *       (it reaches local brains only) unless the host {@linkplain Builder#allowCloud allowed}
 *       that server to use cloud brains.
 * </ol>
 * The brain is chosen by the host's {@link BrainRouter}, like any other call.
 * {@snippet :
 * McpToolRegistry tools = McpToolRegistry.builder()
 *         .server(McpServerConfig.http("notes", "http://localhost:3001/mcp"))
 *         .sampling(McpSampling.builder(router).allow("notes").budget(10, 20_000).build())
 *         .build();
 * }
 */
public final class McpSampling {
    /** Calls per server when {@link Builder#budget} is not set: 5. */
    public static final int DEFAULT_MAX_CALLS = 5;
    /** Tokens per server when {@link Builder#budget} is not set: 5,000. */
    public static final long DEFAULT_MAX_TOKENS = 5_000;

    private final BrainRouter router;
    private final Set<String> allowed;
    private final Set<String> cloud;
    private final int maxCalls;
    private final long maxTokens;
    private final BigDecimal maxCost;
    private final McpSamplingPolicy policy;

    private McpSampling(Builder b) {
        this.router = b.router;
        this.allowed = Set.copyOf(b.allowed);
        this.cloud = Set.copyOf(b.cloud);
        this.maxCalls = b.maxCalls;
        this.maxTokens = b.maxTokens;
        this.maxCost = b.maxCost;
        this.policy = b.policy;
    }

    /** @return a builder that routes servers' sampling requests through {@code router}; no server is allowed yet */
    public static Builder builder(BrainRouter router) {
        return new Builder(Objects.requireNonNull(router, "router"));
    }

    /** @return the router that chooses the brain of each allowed request */
    public BrainRouter router() {
        return router;
    }

    /** @return whether server {@code server} may ask for sampling at all */
    public boolean allows(String server) {
        return allowed.contains(server);
    }

    /** @return whether server {@code server}'s requests may go to a cloud brain */
    public boolean allowsCloud(String server) {
        return cloud.contains(server);
    }

    /** @return the most sampling calls one server may make over the registry's life */
    public int maxCalls() {
        return maxCalls;
    }

    /** @return the most tokens (input plus output) one server's calls may use over the registry's life */
    public long maxTokens() {
        return maxTokens;
    }

    /** @return the most one call may cost, in the currency of the brains' prices (default 0: free brains only) */
    public BigDecimal maxCost() {
        return maxCost;
    }

    /** @return the host's gate for each request */
    public McpSamplingPolicy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return "McpSampling[allowed=" + allowed + ", cloud=" + cloud + ", maxCalls=" + maxCalls + ", maxTokens="
                + maxTokens + ", maxCost=" + maxCost + "]";
    }

    /** Builds {@link McpSampling}; validated at {@link #build()}. */
    public static final class Builder {
        private final BrainRouter router;
        private final Set<String> allowed = new LinkedHashSet<>();
        private final Set<String> cloud = new LinkedHashSet<>();
        private int maxCalls = DEFAULT_MAX_CALLS;
        private long maxTokens = DEFAULT_MAX_TOKENS;
        private BigDecimal maxCost = BigDecimal.ZERO;
        private McpSamplingPolicy policy = McpSamplingPolicy.ALLOW_ENABLED;

        private Builder(BrainRouter router) {
            this.router = router;
        }

        /** Lets these servers (by configured name) ask for sampling; their text stays on local brains. */
        public Builder allow(String... servers) {
            for (String s : Objects.requireNonNull(servers, "servers")) {
                allowed.add(Objects.requireNonNull(s, "server name"));
            }
            return this;
        }

        /**
         * Lets these servers ask for sampling, and lets their requests reach cloud brains too
         * (the request is not marked private). Only for servers the user trusts with that.
         */
        public Builder allowCloud(String... servers) {
            allow(servers);
            cloud.addAll(Set.of(servers));
            return this;
        }

        /**
         * Per server, over the registry's life: at most {@code calls} sampling calls and
         * {@code tokens} tokens, input plus output (default: {@value #DEFAULT_MAX_CALLS} calls,
         * 5,000 tokens).
         */
        public Builder budget(int calls, long tokens) {
            this.maxCalls = calls;
            this.maxTokens = tokens;
            return this;
        }

        /** The most one call may cost (default: 0, so only free, usually local, brains answer). */
        public Builder maxCostPerCall(BigDecimal cost) {
            this.maxCost = Objects.requireNonNull(cost, "cost");
            return this;
        }

        /** The host's gate for each request (default: {@link McpSamplingPolicy#ALLOW_ENABLED}). */
        public Builder policy(McpSamplingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @throws AiOsException if the budget is not positive or the cost negative
         */
        public McpSampling build() {
            if (maxCalls < 1) {
                throw AiOsException.permanent("sampling budget calls must be >= 1, was " + maxCalls
                        + "; to refuse sampling, allow no server");
            }
            if (maxTokens < 1) {
                throw AiOsException.permanent("sampling budget tokens must be >= 1, was " + maxTokens);
            }
            if (maxCost.signum() < 0) {
                throw AiOsException.permanent("sampling maxCostPerCall must be >= 0, was " + maxCost);
            }
            return new McpSampling(this);
        }
    }
}
