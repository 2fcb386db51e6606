package dev.aios.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.GateDecision;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.spi.GateRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The flow policy: which data may flow into which tool arguments, judged by each argument's
 * {@link Provenance}. The agent asks it before its {@link dev.aios.api.spi.GatePolicy} about every
 * tool call, and the stricter verdict wins, so a host that swaps the gate keeps these rules.
 *
 * <p>The default rules, in order:
 * <ol>
 *   <li><b>addressing</b>: an argument that says where something goes or what it touches
 *       (recipients, URLs, paths, hosts; by name, or by a {@code format} of {@code email},
 *       {@code uri} or {@code hostname} in the tool's schema) must come from the user. Denied
 *       otherwise, for every tool, read-only ones included.
 *   <li><b>open-world sink</b>: a tool that reaches beyond this machine ({@code openWorld}) gets
 *       no untrusted and no private data in any argument: a URL built from a mail is the classic
 *       way out. Denied.
 *   <li><b>side effects</b>: untrusted data in any argument of a side-effecting or destructive
 *       tool is denied; a host may opt in to {@link Verdict#ASK} instead
 *       ({@link Builder#untrustedIntoSideEffects}), and the approval request then shows each
 *       argument's provenance.
 *   <li>rules the host adds ({@link Builder#rule}).
 * </ol>
 *
 * <p>Reasons describe provenance with {@link Provenance#summary()}: they reach the planner when it
 * replans, so they name tools and sensors but never an id a stranger chose.
 *
 * <p>A host can name two narrow exceptions, each for one tool: arguments that are content, not
 * control ({@link Builder#allowUntrustedContent}: a ticket's description may quote the chat it
 * came from), and tools whose effects wait for a person ({@link Builder#reviewedByUser}: a draft
 * the user reviews before sending). Neither reopens the open-world rule.
 *
 * <p>It also labels what tools return ({@link #labelResult}): untrusted, from the tool, and
 * private unless the tool is open-world (a public web page); joined with the labels of the call's
 * arguments. A host may declare a tool's output trusted ({@link Builder#trustOutputOf}), for
 * tools that only echo the user's own configuration.
 */
public final class FlowPolicy {
    /**
     * A rule a host adds: looks at one gate request and returns a decision, or null when it has
     * nothing to say. Rules must not throw; a rule that throws denies the call.
     */
    @FunctionalInterface
    public interface Rule {
        /** @return the decision, or null to leave the call to the other rules */
        @Nullable GateDecision check(GateRequest request);
    }

    /**
     * Whole names that address something but that splitting into words misses (written in one
     * lower-case word), compared without case, {@code _} or {@code -}; any other name is judged by
     * its words ({@link #ADDRESSING_LAST_WORDS}).
     */
    static final Set<String> ADDRESSING_NAMES = Set.of("replyto", "sendto", "redirect");

    /**
     * Words that make a compound name addressing when it ends with one ({@code webhook_url},
     * {@code source_file}, {@code recipientEmail}); {@code to}, {@code cc} and {@code bcc} count
     * when a name starts or ends with them ({@code to_address}, {@code sendTo}), not inside
     * ({@code text_to_translate}).
     */
    static final Set<String> ADDRESSING_LAST_WORDS = Set.of("to", "cc", "bcc", "recipient", "recipients", "url", "urls",
            "uri", "uris", "href", "link", "links", "endpoint", "webhook", "callback", "host", "hostname", "domain",
            "server", "path", "paths", "file", "files", "filename", "filepath", "dir", "directory", "folder",
            "destination", "dest", "target", "email", "emails", "address", "addresses", "channel", "phone", "location",
            "repo", "repository", "account", "bucket");

    private static final Set<String> ADDRESSING_FIRST_WORDS = Set.of("to", "cc", "bcc");

    private static final Set<String> ADDRESSING_FORMATS = Set.of("email", "idn-email", "uri", "uri-reference", "iri",
            "iri-reference", "hostname", "idn-hostname", "uri-template");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FlowPolicy DEFAULTS = builder().build();
    private static final FlowPolicy OFF = new FlowPolicy(builder(), false);

    private final boolean enabled;
    private final Verdict untrustedIntoSideEffects;
    private final Set<String> trustedOutput;
    private final Set<String> extraAddressing;
    private final Map<String, Set<String>> addressingByTool;
    private final Map<String, Rule> rules;
    private final Map<String, Set<String>> untrustedContent;
    private final Set<String> reviewedByUser;
    /** Addressing properties found in each tool's schema, by tool name and schema. */
    private final Map<String, Set<String>> schemaAddressing = new ConcurrentHashMap<>();

    private FlowPolicy(Builder b, boolean enabled) {
        this.enabled = enabled;
        this.untrustedIntoSideEffects = b.untrustedIntoSideEffects;
        this.trustedOutput = Set.copyOf(b.trustedOutput);
        this.extraAddressing = Set.copyOf(b.extraAddressing);
        Map<String, Set<String>> byTool = new LinkedHashMap<>();
        b.addressingByTool.forEach((k, v) -> byTool.put(k, Set.copyOf(v)));
        this.addressingByTool = Map.copyOf(byTool);
        this.rules = Map.copyOf(b.rules);
        Map<String, Set<String>> content = new LinkedHashMap<>();
        b.untrustedContent.forEach((k, v) -> content.put(k, Set.copyOf(v)));
        this.untrustedContent = Map.copyOf(content);
        this.reviewedByUser = Set.copyOf(b.reviewedByUser);
    }

    /** @return the default rules, as described on this class */
    public static FlowPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * @return a policy with no flow rules: every call is left to the gate policy alone. For
     *     measuring what the rules prevent; never for a real deployment. Results are still labelled.
     */
    public static FlowPolicy off() {
        return OFF;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether the rules are checked at all ({@code false} only for {@link #off()}) */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Decides one call by its flows. Never throws.
     *
     * @return the strictest verdict any rule gives, with the reasons of the rules that gave it; or
     *     ALLOW when no rule objects
     */
    public GateDecision decide(GateRequest request) {
        if (!enabled) {
            return GateDecision.allow("flow policy: off");
        }
        List<GateDecision> decisions = new ArrayList<>();
        ToolDescriptor tool = request.tool();
        String name = tool.name();
        boolean reviewed = reviewedByUser.contains(name) && !tool.risk().openWorld();
        // 1. addressing arguments come from the user
        List<String> badAddresses = new ArrayList<>();
        request.flows().forEach((path, p) -> {
            if (!p.isTrusted() && !reviewed && isAddressing(tool, path)) {
                badAddresses.add("'" + path + "' " + p.summary());
            }
        });
        if (!badAddresses.isEmpty()) {
            decisions.add(GateDecision.deny("flow policy: " + name + " would be addressed by data the user did not"
                    + " give: " + String.join("; ", badAddresses) + ". Recipients, URLs and paths must come from the"
                    + " user's goal"));
        }
        // 2. nothing untrusted or private leaves through an open-world tool
        if (tool.risk().openWorld()) {
            List<String> leaks = new ArrayList<>();
            request.flows().forEach((path, p) -> {
                if (!p.isTrusted() || p.isPrivate()) {
                    leaks.add("'" + path + "' " + p.summary());
                }
            });
            if (!leaks.isEmpty()) {
                decisions.add(GateDecision.deny("flow policy: " + name + " reaches beyond this machine, and would carry"
                        + " untrusted or private data: " + String.join("; ", leaks)));
            }
        }
        // 3. untrusted data into side effects
        if (!tool.risk().readOnly() && !reviewed) {
            Map<String, Provenance> untrusted = new LinkedHashMap<>(request.untrusted());
            Set<String> content = untrustedContent.getOrDefault(name, Set.of());
            untrusted.keySet().removeIf(path -> content.contains(path) && !isAddressing(tool, path));
            if (!untrusted.isEmpty()) {
                List<String> parts = new ArrayList<>();
                untrusted.forEach((path, p) -> parts.add("'" + path + "' " + p.summary()));
                decisions.add(new GateDecision(untrustedIntoSideEffects, "flow policy: " + name + " is "
                        + tool.risk().level().name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + ", and untrusted data would flow into it: " + String.join("; ", parts)));
            }
        }
        // 4. the host's rules
        rules.forEach((ruleName, rule) -> {
            GateDecision d;
            try {
                d = rule.check(request);
            } catch (RuntimeException e) {
                d = GateDecision.deny("flow rule " + ruleName + " failed (" + e.getClass().getSimpleName()
                        + "), so the call is denied");
            }
            if (d != null) {
                // a host rule's reason may quote the values it judged; with untrusted data among them, it would
                // carry a stranger's words into the replan prompt, so only the rule's name and verdict are kept
                decisions.add(new GateDecision(d.verdict(), "flow rule " + ruleName + ": " + (request.joined().isTrusted()
                        ? d.reason() : d.verdict() + " (the rule's reason is not repeated: the call carried data "
                        + request.joined().summary() + ")")));
            }
        });
        if (decisions.isEmpty()) {
            return GateDecision.allow("flow policy: every argument may flow where it goes");
        }
        return GateDecision.strictest(decisions);
    }

    /**
     * @param tool the tool that returned
     * @param arguments the label of the call's arguments together
     * @return the label of the tool's result: from the tool, untrusted unless declared trusted,
     *     private unless the tool is open-world; joined with the arguments' label
     */
    public Provenance labelResult(ToolDescriptor tool, Provenance arguments) {
        Provenance own = trustedOutput.contains(tool.name())
                ? Provenance.trusted(Source.tool(tool.name()))
                : Provenance.untrusted(Source.tool(tool.name()));
        if (tool.risk().openWorld()) {
            own = new Provenance(own.sources(), own.trust(), Provenance.Readers.ANYONE);
        }
        return own.join(arguments);
    }

    /**
     * @param path an argument path as in {@link GateRequest#flows()}
     * @return whether that argument says where something goes or what it touches
     */
    public boolean isAddressing(ToolDescriptor tool, String path) {
        String last = lastSegment(path);
        String key = normalise(last);
        if (ADDRESSING_NAMES.contains(key) || extraAddressing.contains(key) || addressingByWords(last)) {
            return true;
        }
        Set<String> named = addressingByTool.get(tool.name());
        if (named != null && (named.contains(path) || named.contains(last))) {
            return true;
        }
        return schemaAddressing.computeIfAbsent(tool.name() + '\u0000' + tool.inputSchema(),
                k -> addressingInSchema(tool.inputSchema())).contains(last);
    }

    private static String lastSegment(String path) {
        String p = path;
        int bracket = p.indexOf('[');
        while (bracket >= 0 && p.endsWith("]")) {
            p = p.substring(0, p.lastIndexOf('['));
            bracket = p.indexOf('[');
        }
        int dot = p.lastIndexOf('.');
        return dot >= 0 ? p.substring(dot + 1) : p;
    }

    /** @return whether the name's last word (or first, for to/cc/bcc) addresses something */
    static boolean addressingByWords(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = c == '_' || c == '-' || c == '.' || c == ' ';
            if (boundary || (Character.isUpperCase(c) && !word.isEmpty()
                    && !Character.isUpperCase(word.charAt(word.length() - 1)))) {
                if (!word.isEmpty()) {
                    words.add(word.toString().toLowerCase(Locale.ROOT));
                    word.setLength(0);
                }
                if (boundary) {
                    continue;
                }
            }
            word.append(c);
        }
        if (!word.isEmpty()) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
        }
        if (words.isEmpty()) {
            return false;
        }
        return ADDRESSING_LAST_WORDS.contains(words.get(words.size() - 1))
                || ADDRESSING_FIRST_WORDS.contains(words.get(0));
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** @return the names of properties, at any depth, whose schema {@code format} is an address */
    private static Set<String> addressingInSchema(String schema) {
        Set<String> out = new HashSet<>();
        try {
            collect(JSON.readTree(schema), out, 0);
        } catch (Exception e) {
            // an unreadable schema names no addressing properties; names still count
        }
        return Set.copyOf(out);
    }

    private static void collect(JsonNode node, Set<String> out, int depth) {
        if (node == null || depth > 16) {
            return;
        }
        JsonNode props = node.get("properties");
        if (props != null && props.isObject()) {
            props.properties().forEach(e -> {
                JsonNode format = e.getValue().get("format");
                if (format != null && ADDRESSING_FORMATS.contains(format.asText().toLowerCase(Locale.ROOT))) {
                    out.add(e.getKey());
                }
                collect(e.getValue(), out, depth + 1);
            });
        }
        JsonNode items = node.get("items");
        if (items != null) {
            collect(items, out, depth + 1);
        }
    }

    @Override
    public String toString() {
        return enabled ? "FlowPolicy[untrustedIntoSideEffects=" + untrustedIntoSideEffects + ", trustedOutput="
                + trustedOutput + ", untrustedContent=" + untrustedContent + ", reviewedByUser=" + reviewedByUser
                + ", rules=" + rules.keySet() + "]" : "FlowPolicy[off]";
    }

    /** Options of a {@link FlowPolicy}; starts from the defaults. */
    public static final class Builder {
        private Verdict untrustedIntoSideEffects = Verdict.DENY;
        private final Set<String> trustedOutput = new HashSet<>();
        private final Set<String> extraAddressing = new HashSet<>();
        private final Map<String, Set<String>> addressingByTool = new LinkedHashMap<>();
        private final Map<String, Rule> rules = new LinkedHashMap<>();
        private final Map<String, Set<String>> untrustedContent = new LinkedHashMap<>();
        private final Set<String> reviewedByUser = new HashSet<>();

        private Builder() {}

        /**
         * Lets untrusted data flow into the named arguments of one side-effecting tool: they are
         * content, not control (a ticket's description may quote the chat it was filed from). An
         * argument that addresses something stays checked, and so does the open-world rule.
         *
         * @param paths argument paths as in {@link GateRequest#flows()}, e.g. {@code description}
         */
        public Builder allowUntrustedContent(String toolName, String... paths) {
            Set<String> set = untrustedContent.computeIfAbsent(notBlank(toolName, "tool name"), k -> new HashSet<>());
            if (paths.length == 0) {
                throw new IllegalArgumentException("allowUntrustedContent needs at least one argument of " + toolName);
            }
            for (String p : paths) {
                set.add(notBlank(p, "argument path"));
            }
            return this;
        }

        /**
         * Declares that {@code toolName}'s effects wait for a person before anything happens (it
         * writes a draft or a proposal the user reviews): untrusted data may flow into any of its
         * arguments. Ignored for an open-world tool, whose call itself reaches out.
         */
        public Builder reviewedByUser(String toolName) {
            reviewedByUser.add(notBlank(toolName, "tool name"));
            return this;
        }

        /**
         * What untrusted data flowing into a side-effecting or destructive tool gets (default
         * DENY). ASK shows a person each argument's provenance before the call runs; ALLOW is
         * refused, since it would undo the rule.
         */
        public Builder untrustedIntoSideEffects(Verdict verdict) {
            Objects.requireNonNull(verdict, "verdict must not be null");
            if (verdict == Verdict.ALLOW) {
                throw new IllegalArgumentException("untrustedIntoSideEffects may be DENY or ASK; ALLOW would let any mail"
                        + " or web page choose what the agent does. Use FlowPolicy.off() to measure without rules");
            }
            this.untrustedIntoSideEffects = verdict;
            return this;
        }

        /**
         * Declares that {@code toolName}'s results are trusted (they come from the user's own
         * configuration, such as a clock or a settings reader). Its results still carry the
         * labels of the call's arguments.
         */
        public Builder trustOutputOf(String toolName) {
            trustedOutput.add(notBlank(toolName, "tool name"));
            return this;
        }

        /** Treats every argument named {@code name} (any tool) as addressing. */
        public Builder addressingArgument(String name) {
            extraAddressing.add(normalise(notBlank(name, "argument name")));
            return this;
        }

        /** Treats {@code path} (a name, or a path such as {@code message.to}) of {@code toolName} as addressing. */
        public Builder addressingArgument(String toolName, String path) {
            addressingByTool.computeIfAbsent(notBlank(toolName, "tool name"), k -> new HashSet<>())
                    .add(notBlank(path, "argument path"));
            return this;
        }

        /** Adds a rule, checked after the default rules; a rule added again under the same name replaces it. */
        public Builder rule(String name, Rule rule) {
            rules.put(notBlank(name, "rule name"), Objects.requireNonNull(rule, "rule must not be null"));
            return this;
        }

        /** @return the policy */
        public FlowPolicy build() {
            return new FlowPolicy(this, true);
        }

        private static String notBlank(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
