package dev.aios.service;

import dev.aios.api.AiOsException;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.runtime.RiskPolicy;
import dev.aios.samples.briefing.BriefingBrains;
import dev.aios.samples.briefing.BriefingSetup;
import dev.aios.samples.briefing.BriefingUser;
import dev.aios.samples.briefing.BriefingWorld;
import dev.aios.sensors.Schedule;
import dev.aios.service.ConfigNode.Mapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code aios} configuration: whose briefing it is, their sources, brains, schedule, gate,
 * storage and console, read from a YAML file ({@code aios.yaml}) and fully validated.
 * {@link #load} either returns the whole configuration or throws an {@link AiosConfigException}
 * naming the file, line, column and key path ({@code sources.maildir[1]}) and what is wrong, so
 * nothing starts half-configured.
 *
 * <p>Why YAML through jackson-dataformat-yaml: the file is written and edited by hand, so it
 * wants comments (the {@linkplain #starterFile() starter file} explains every key in place) and
 * little punctuation; Jackson is already how the project reads JSON; and its parser reports the
 * line and column of every token, which every error here names.
 *
 * <p>Secrets are never in the file: a brain's key is named by environment variable
 * ({@code api-key-env: OPENAI_API_KEY}), and a key written literally is refused. Paths expand
 * {@code ~/} to the home folder; relative paths are resolved against the file's folder. Sources
 * must exist; {@code storage} folders are created when the briefing first runs.
 *
 * {@snippet lang=yaml :
 * user: { name: Ola Berg, addresses: [ola.berg@fjordfreight.no] }
 * sources: { maildir: [~/Mail], calendar: [~/calendar.ics] }
 * briefing: { schedule: "every weekday at 8:00", zone: Europe/Oslo }
 * }
 */
public final class AiosConfig {
    private static final Set<String> TOP = keys("user", "sources", "brains", "briefing", "gate", "tools", "storage",
            "console");
    private static final Set<String> USER = keys("name", "addresses");
    private static final Set<String> SOURCES = keys("maildir", "mbox", "calendar", "slack-export", "tracker");
    private static final Set<String> BRAINS = keys("allow-cloud", "model", "catalog");
    /** A catalog entry's keys, and the {@link dev.aios.routing.BrainCatalog} property each becomes. */
    private static final Map<String, String> BRAIN_KEYS = brainKeys();
    private static final Set<String> BRIEFING = keys("schedule", "zone");
    private static final Set<String> GATE = keys("ask", "deny", "allow", "approval-timeout");
    private static final Set<String> TOOLS = keys("folders", "read-only-folders", "hosts", "commands");
    private static final Set<String> STORAGE = keys("state", "out");
    private static final Set<String> CONSOLE = keys("bind", "port");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final String DEFAULT_SCHEDULE = "every weekday at 8:00";

    private final @Nullable Path file;
    private final BriefingUser user;
    private final Sources sources;
    private final Brains brains;
    private final Schedule schedule;
    private final ZoneId zone;
    private final Gate gate;
    private final Tools tools;
    private final Storage storage;
    private final Console console;
    private final @Nullable BriefingWorld sampleWorld;
    /** Only the variables the brains name; never printed. */
    private final Map<String, String> brainEnvironment;

    private AiosConfig(@Nullable Path file, BriefingUser user, Sources sources, Brains brains, Schedule schedule,
            ZoneId zone, Gate gate, Tools tools, Storage storage, Console console, @Nullable BriefingWorld sampleWorld,
            Map<String, String> brainEnvironment) {
        this.file = file;
        this.user = user;
        this.sources = sources;
        this.brains = brains;
        this.schedule = schedule;
        this.zone = zone;
        this.gate = gate;
        this.tools = tools;
        this.storage = storage;
        this.console = console;
        this.sampleWorld = sampleWorld;
        this.brainEnvironment = Map.copyOf(brainEnvironment);
    }

    /**
     * Where a briefing's mail, calendars, chat and tracker are.
     *
     * @param maildirs Maildir folders
     * @param mboxes mbox files or folders
     * @param calendars ICS files or folders
     * @param slackExport a Slack export folder, or null
     * @param tracker the tracker's file, or null for {@code state/tracker.json}
     */
    public record Sources(List<Path> maildirs, List<Path> mboxes, List<Path> calendars, @Nullable Path slackExport,
            @Nullable Path tracker) {
        /** Copies. */
        public Sources {
            maildirs = List.copyOf(maildirs);
            mboxes = List.copyOf(mboxes);
            calendars = List.copyOf(calendars);
        }
    }

    /**
     * The generative brains drafts may be written with.
     *
     * @param allowCloud whether brains at a provider may read mail
     * @param model a local model folder loaded in this process, or null
     * @param catalog each brain's settings by name, with {@link dev.aios.routing.BrainCatalog}'s key
     *     names ({@code provider}, {@code apiKeyEnv}, ...); keys themselves are never here
     */
    public record Brains(boolean allowCloud, @Nullable Path model, Map<String, Map<String, String>> catalog) {
        /** Copies. */
        public Brains {
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            catalog.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            catalog = Collections.unmodifiableMap(copy);
        }

        /** @return the catalog in {@link dev.aios.routing.BrainCatalog#fromProperties}'s format; empty for none */
        public Properties properties() {
            Properties p = new Properties();
            if (catalog.isEmpty()) {
                return p;
            }
            p.setProperty("brains", String.join(",", catalog.keySet()));
            catalog.forEach((name, settings) -> settings.forEach((k, v) -> p.setProperty("brain." + name + "." + k, v)));
            return p;
        }
    }

    /**
     * What the gate does with each tool, beyond its defaults (read-only and side-effecting tools
     * run, destructive ones ask a person).
     *
     * @param ask tools that always wait for a person's approval
     * @param deny tools that never run
     * @param allow tools that run without asking, even when destructive
     * @param approvalTimeout how long a request waits for an answer before it counts as denied
     */
    public record Gate(List<String> ask, List<String> deny, List<String> allow, Duration approvalTimeout) {
        /** Copies. */
        public Gate {
            ask = List.copyOf(ask);
            deny = List.copyOf(deny);
            allow = List.copyOf(allow);
        }

        /** @return the gate policy: these verdicts by tool name over {@link RiskPolicy}'s defaults */
        public RiskPolicy policy() {
            RiskPolicy.Builder b = RiskPolicy.builder();
            ask.forEach(t -> b.tool(t, Verdict.ASK));
            deny.forEach(t -> b.tool(t, Verdict.DENY));
            allow.forEach(t -> b.tool(t, Verdict.ALLOW));
            return b.build();
        }
    }

    /**
     * What the built-in tool packs may touch, beyond the agent's own {@code out} folder (which the
     * file, document, archive and image tools may always write): nothing else unless named here.
     *
     * @param folders folders the tools may read and change
     * @param readOnlyFolders folders the tools may only read
     * @param hosts web hosts the web tools may fetch from ({@code example.com}, {@code *.example.com})
     * @param commands programs the shell tool may run (names on the PATH or absolute paths)
     */
    public record Tools(List<Path> folders, List<Path> readOnlyFolders, List<String> hosts, List<String> commands) {
        /** Nothing beyond the out folder. */
        public static final Tools NONE = new Tools(List.of(), List.of(), List.of(), List.of());

        /** Copies. */
        public Tools {
            folders = List.copyOf(folders);
            readOnlyFolders = List.copyOf(readOnlyFolders);
            hosts = List.copyOf(hosts);
            commands = List.copyOf(commands);
        }
    }

    /**
     * Where the agent keeps its state and writes its output.
     *
     * @param state what it learned between runs, the journal, the checkpoint
     * @param out the briefing, drafts and outbox
     */
    public record Storage(Path state, Path out) {}

    /**
     * Where the web console listens.
     *
     * @param bind the address ({@code 127.0.0.1}: this machine only)
     * @param port the TCP port
     */
    public record Console(String bind, int port) {}

    /**
     * Reads and validates a configuration file.
     *
     * @param file the YAML file
     * @param env the environment: {@code HOME} for {@code ~/} (else the {@code user.home} property)
     *     and the variables that brains' {@code api-key-env} name
     * @return the whole configuration
     * @throws AiosConfigException naming the file, line, column and key path of the first problem
     */
    public static AiosConfig load(Path file, Map<String, String> env) {
        Path absolute = file.toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new AiosConfigException("", absolute, 0, 0, "does not exist; write one with 'aios init'", e);
        } catch (IOException e) {
            throw new AiosConfigException("", absolute, 0, 0, "cannot be read: " + e.getMessage(), e);
        }
        String homeText = env.getOrDefault("HOME", System.getProperty("user.home"));
        ConfigReader r = new ConfigReader(absolute, absolute.getParent(), Path.of(homeText).toAbsolutePath());
        Mapping top = r.mapping(ConfigNode.parse(text, absolute), "", TOP);

        Mapping u = r.mapping(r.required(top, "", "user"), "user", USER);
        String name = r.text(r.required(u, "user", "name"), "user.name");
        List<String> addresses = r.texts(r.required(u, "user", "addresses"), "user.addresses");
        BriefingUser user;
        try {
            user = new BriefingUser(name, addresses);
        } catch (IllegalArgumentException e) {
            throw r.error("user.addresses", u.values().get("addresses"), e.getMessage());
        }

        ConfigNode sourcesNode = r.required(top, "", "sources");
        Mapping s = r.mapping(sourcesNode, "sources", SOURCES);
        List<Path> maildirs = paths(r, s, "maildir", true);
        List<Path> mboxes = paths(r, s, "mbox", false);
        if (maildirs.isEmpty() && mboxes.isEmpty()) {
            throw r.error("sources", sourcesNode, "no mail source: add a maildir or an mbox");
        }
        List<Path> calendars = paths(r, s, "calendar", false);
        ConfigNode slackNode = r.optional(s, "slack-export");
        Path slack = slackNode == null ? null : r.existing(slackNode, "sources.slack-export", true);
        ConfigNode trackerNode = r.optional(s, "tracker");
        Path tracker = trackerNode == null ? null : r.path(trackerNode, "sources.tracker");
        if (tracker != null && Files.isDirectory(tracker)) {
            throw r.error("sources.tracker", trackerNode, tracker + " is a folder; name the tracker's JSON file");
        }
        Sources sources = new Sources(maildirs, mboxes, calendars, slack, tracker);

        Map<String, String> brainEnv = new TreeMap<>();
        Brains brains = brains(r, r.optional(top, "brains"), env, brainEnv);

        Schedule schedule = Schedule.parse("briefing", DEFAULT_SCHEDULE);
        ZoneId zone = ZoneId.systemDefault();
        ConfigNode briefingNode = r.optional(top, "briefing");
        if (briefingNode != null) {
            Mapping b = r.mapping(briefingNode, "briefing", BRIEFING);
            ConfigNode rule = r.optional(b, "schedule");
            if (rule != null) {
                try {
                    schedule = Schedule.parse("briefing", r.text(rule, "briefing.schedule"));
                } catch (AiOsException e) {
                    if (e instanceof AiosConfigException c) {
                        throw c;
                    }
                    throw r.error("briefing.schedule", rule, e.getMessage());
                }
            }
            ConfigNode zoneNode = r.optional(b, "zone");
            if (zoneNode != null) {
                String z = r.text(zoneNode, "briefing.zone");
                try {
                    zone = ZoneId.of(z);
                } catch (DateTimeException e) {
                    throw r.error("briefing.zone", zoneNode, "'" + z + "' is not a time zone; write a region such as"
                            + " Europe/Oslo");
                }
            }
        }

        Gate gate = gate(r, r.optional(top, "gate"));
        Tools tools = tools(r, r.optional(top, "tools"));

        Path state = Path.of(homeText, ".aios", "state").toAbsolutePath();
        Path out = Path.of(homeText, ".aios", "out").toAbsolutePath();
        ConfigNode storageNode = r.optional(top, "storage");
        if (storageNode != null) {
            Mapping st = r.mapping(storageNode, "storage", STORAGE);
            state = r.optional(st, "state") == null ? state : r.path(st.values().get("state"), "storage.state");
            out = r.optional(st, "out") == null ? out : r.path(st.values().get("out"), "storage.out");
            for (Map.Entry<String, Path> e : Map.of("storage.state", state, "storage.out", out).entrySet()) {
                if (Files.exists(e.getValue()) && !Files.isDirectory(e.getValue())) {
                    throw r.error(e.getKey(), st.values().get(e.getKey().substring(8)), e.getValue()
                            + " is a file; name a folder");
                }
            }
        }

        Console console = new Console("127.0.0.1", 7070);
        ConfigNode consoleNode = r.optional(top, "console");
        if (consoleNode != null) {
            Mapping c = r.mapping(consoleNode, "console", CONSOLE);
            String bind = r.optional(c, "bind") == null ? "127.0.0.1" : r.text(c.values().get("bind"), "console.bind");
            if (!bind.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
                throw r.error("console.bind", c.values().get("bind"), "'" + bind + "' is not an address; write"
                        + " 127.0.0.1 (this machine only) or a host name");
            }
            int port = r.optional(c, "port") == null ? 7070 : r.integer(c.values().get("port"), "console.port", 1, 65_535);
            console = new Console(bind, port);
        }
        return new AiosConfig(absolute, user, sources, brains, schedule, zone, gate, tools, new Storage(state, out), console,
                null, brainEnv);
    }

    /**
     * The configuration with no file: the sample world under {@code worldRoot} (written if absent),
     * its user Sam Lee, the default schedule and gate, no brains, the console on 127.0.0.1:7070.
     *
     * @param worldRoot where the sample world is, or is written
     * @return the sample's configuration
     */
    public static AiosConfig sample(Path worldRoot) {
        BriefingWorld world = BriefingWorld.writeTo(worldRoot);
        BriefingSetup setup = world.setup();
        return new AiosConfig(null, setup.user(),
                new Sources(setup.maildirs(), setup.mboxes(), setup.calendars(), setup.slackExport(), setup.tracker()),
                new Brains(false, null, Map.of()), Schedule.parse("briefing", DEFAULT_SCHEDULE), ZoneId.systemDefault(),
                defaultGate(), Tools.NONE, new Storage(setup.state(), setup.out()), new Console("127.0.0.1", 7070), world,
                Map.of());
    }

    /** @return the commented starter file {@code aios init} writes: every key, explained */
    public static String starterFile() {
        try (InputStream in = AiosConfig.class.getResourceAsStream("aios-starter.yaml")) {
            if (in == null) {
                throw new IllegalStateException("aios-starter.yaml is missing from the ai-os-service jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the starter configuration", e);
        }
    }

    /** @return the setup of a briefing for today (in {@link #zone()}), for {@link dev.aios.samples.briefing.BriefingAgent} */
    public BriefingSetup briefingSetup() {
        return briefingSetup(LocalDate.now(zone));
    }

    /**
     * @param today the day to brief on
     * @return the setup of a briefing on {@code today}
     * @throws IllegalArgumentException if a source was removed since the file was read
     */
    public BriefingSetup briefingSetup(LocalDate today) {
        if (sampleWorld != null && today.equals(sampleWorld.today())) {
            return sampleWorld.setup();
        }
        BriefingSetup.Builder b = BriefingSetup.builder().user(user).state(storage.state()).out(storage.out())
                .today(today).slackExport(sources.slackExport()).tracker(sources.tracker());
        sources.maildirs().forEach(b::maildir);
        sources.mboxes().forEach(b::mbox);
        sources.calendars().forEach(b::calendar);
        return b.build();
    }

    /**
     * Opens the configured brains; the caller closes them.
     *
     * @return the brains (the local model first); none when the file configures none
     * @throws AiOsException naming the first brain setting that cannot be used
     */
    public BriefingBrains openBrains() {
        if (brains.model() == null && brains.catalog().isEmpty()) {
            return BriefingBrains.none();
        }
        return BriefingBrains.of(brains.model(), brains.properties(), brainEnvironment);
    }

    /** @return the file read, or null for {@link #sample} */
    public @Nullable Path file() {
        return file;
    }

    /** @return whose briefing it is */
    public BriefingUser user() {
        return user;
    }

    /** @return the sources */
    public Sources sources() {
        return sources;
    }

    /** @return the brains section (settings only; {@link #openBrains()} builds them) */
    public Brains brains() {
        return brains;
    }

    /** @return when the briefing runs (default every weekday at 8:00) */
    public Schedule schedule() {
        return schedule;
    }

    /** @return the zone the schedule's times are in (default the system's) */
    public ZoneId zone() {
        return zone;
    }

    /** @return what the built-in tool packs may touch */
    public Tools tools() {
        return tools;
    }

    /** @return what the gate does with each tool */
    public Gate gate() {
        return gate;
    }

    /** @return the state and out folders */
    public Storage storage() {
        return storage;
    }

    /** @return the console's address and port */
    public Console console() {
        return console;
    }

    @Override
    public String toString() {
        // No environment values: the brains' variables may hold keys.
        return "AiosConfig[file=" + file + ", user=" + user + ", sources=" + sources + ", brains=" + brains.catalog().keySet()
                + ", schedule=" + schedule.rule() + " " + zone + ", gate=" + gate + ", storage=" + storage + ", console="
                + console + "]";
    }

    private static Gate defaultGate() {
        return new Gate(List.of("mail.send_draft"), List.of(), List.of(), Duration.ofHours(24));
    }

    private static List<Path> paths(ConfigReader r, Mapping s, String key, boolean folder) {
        return paths(r, s, "sources", key, folder);
    }

    private static List<Path> paths(ConfigReader r, Mapping s, String section, String key, boolean folder) {
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> item : r.items(r.optional(s, key), section + "." + key)) {
            out.add(r.existing(item.getValue(), item.getKey(), folder));
        }
        return out;
    }

    private static Gate gate(ConfigReader r, @Nullable ConfigNode node) {
        if (node == null) {
            return defaultGate();
        }
        Mapping g = r.mapping(node, "gate", GATE);
        Map<String, String> seen = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String verdict : List.of("ask", "deny", "allow")) {
            List<String> tools = new ArrayList<>();
            for (Map.Entry<String, ConfigNode> item : r.items(r.optional(g, verdict), "gate." + verdict)) {
                String tool = r.text(item.getValue(), item.getKey());
                if (!NAME.matcher(tool).matches()) {
                    throw r.error(item.getKey(), item.getValue(), "'" + tool + "' is not a tool name (such as mail.send_draft)");
                }
                String before = seen.putIfAbsent(tool, verdict);
                if (before != null) {
                    throw r.error(item.getKey(), item.getValue(), "tool " + tool + " is in both gate." + before + " and gate."
                            + verdict + "; keep one");
                }
                tools.add(tool);
            }
            lists.put(verdict, tools);
        }
        ConfigNode timeout = r.optional(g, "approval-timeout");
        Duration d = timeout == null ? Duration.ofHours(24) : r.duration(timeout, "gate.approval-timeout");
        return new Gate(lists.get("ask"), lists.get("deny"), lists.get("allow"), d);
    }

    private static Tools tools(ConfigReader r, @Nullable ConfigNode node) {
        if (node == null) {
            return Tools.NONE;
        }
        Mapping t = r.mapping(node, "tools", TOOLS);
        List<String> hosts = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> item : r.items(r.optional(t, "hosts"), "tools.hosts")) {
            String host = r.text(item.getValue(), item.getKey());
            if (!host.matches("\\*|(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw r.error(item.getKey(), item.getValue(), "'" + host + "' is not a host: write example.com,"
                        + " *.example.com for its subdomains, or * for any host");
            }
            hosts.add(host);
        }
        List<String> commands = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> item : r.items(r.optional(t, "commands"), "tools.commands")) {
            String command = r.text(item.getValue(), item.getKey());
            if (!command.matches("[A-Za-z0-9_./+-]+")) {
                throw r.error(item.getKey(), item.getValue(), "'" + command + "' is not a program: write its name"
                        + " (git) or its absolute path, without arguments");
            }
            commands.add(command);
        }
        return new Tools(paths(r, t, "tools", "folders", true), paths(r, t, "tools", "read-only-folders", true), hosts,
                commands);
    }

    private static Brains brains(ConfigReader r, @Nullable ConfigNode node, Map<String, String> env,
            Map<String, String> brainEnv) {
        if (node == null) {
            return new Brains(false, null, Map.of());
        }
        Mapping b = r.mapping(node, "brains", BRAINS);
        boolean allowCloud = r.optional(b, "allow-cloud") != null && r.bool(b.values().get("allow-cloud"), "brains.allow-cloud");
        Path model = r.optional(b, "model") == null ? null : r.existing(b.values().get("model"), "brains.model", true);
        Map<String, Map<String, String>> catalog = new LinkedHashMap<>();
        ConfigNode catalogNode = r.optional(b, "catalog");
        if (catalogNode != null) {
            if (!(catalogNode instanceof Mapping c)) {
                throw r.error("brains.catalog", catalogNode, "expected a section of brains by name, found " + catalogNode.kind());
            }
            for (Map.Entry<String, ConfigNode> e : c.values().entrySet()) {
                String name = e.getKey();
                String path = "brains.catalog." + name;
                if (!NAME.matcher(name).matches() || name.contains(".")) {
                    throw r.error(path, c.keys().get(name), "'" + name + "' is not a brain name: letters, digits, '-' and '_'");
                }
                catalog.put(name, brain(r, e.getValue(), path, env, brainEnv));
            }
        }
        return new Brains(allowCloud, model, catalog);
    }

    private static Map<String, String> brain(ConfigReader r, ConfigNode node, String path, Map<String, String> env,
            Map<String, String> brainEnv) {
        Mapping m = r.mapping(node, path, BRAIN_KEYS.keySet());
        Map<String, String> out = new LinkedHashMap<>();
        String provider = r.text(r.required(m, path, "provider"), path + ".provider");
        for (Map.Entry<String, ConfigNode> e : m.values().entrySet()) {
            String key = e.getKey();
            String at = path + "." + key;
            ConfigNode v = e.getValue();
            String value = switch (key) {
                case "input-price-per-million", "output-price-per-million" -> String.valueOf(r.number(v, at));
                case "context-window" -> String.valueOf(r.integer(v, at, 1, Integer.MAX_VALUE));
                case "typical-latency", "timeout" -> r.duration(v, at).toString();
                case "capabilities" -> String.join(",", r.texts(v, at));
                case "model" -> provider.equals("local") ? r.existing(v, at, true).toString() : r.text(v, at);
                case "api-key-env" -> {
                    String name = r.text(v, at);
                    if (!ENV_NAME.matcher(name).matches()) {
                        throw r.error(at, v, "api-key-env names an environment variable (such as OPENAI_API_KEY), not"
                                + " the key itself; name the environment variable instead");
                    }
                    yield name;
                }
                default -> r.text(v, at);
            };
            out.put(BRAIN_KEYS.get(key), value);
        }
        r.required(m, path, "model");
        String keyEnv = out.getOrDefault("apiKeyEnv", switch (provider) {
            case "openai" -> "OPENAI_API_KEY";
            case "anthropic" -> "ANTHROPIC_API_KEY";
            default -> "";
        });
        if (!keyEnv.isEmpty()) {
            String value = env.get(keyEnv);
            if (value == null || value.isBlank()) {
                ConfigNode at = m.values().containsKey("api-key-env") ? m.values().get("api-key-env") : m.values().get("provider");
                throw r.error(path + (m.values().containsKey("api-key-env") ? ".api-key-env" : ".provider"), at,
                        "the environment variable " + keyEnv + " (the API key of brain '" + path.substring(15)
                                + "') is not set; set it, or name another with api-key-env");
            }
            brainEnv.put(keyEnv, value);
        }
        return out;
    }

    private static Map<String, String> brainKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provider", "provider");
        m.put("model", "model");
        m.put("api-key-env", "apiKeyEnv");
        m.put("base-url", "baseUrl");
        m.put("location", "location");
        m.put("input-price-per-million", "inputPricePerMillion");
        m.put("output-price-per-million", "outputPricePerMillion");
        m.put("context-window", "contextWindow");
        m.put("capabilities", "capabilities");
        m.put("typical-latency", "typicalLatency");
        m.put("timeout", "timeout");
        return Collections.unmodifiableMap(m);
    }

    private static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
