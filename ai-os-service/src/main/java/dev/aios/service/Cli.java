package dev.aios.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolDescriptor;
import dev.aios.samples.briefing.BriefingAgent;
import dev.aios.samples.briefing.BriefingMemory;
import dev.aios.samples.briefing.BriefingReport;
import dev.aios.service.internal.BuiltInPacks;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code aios} command line: {@code run} (the one-shot briefing), {@code serve} (the service
 * and its console), {@code init} (a commented starter configuration), {@code ask} (a goal, to the
 * running service or in this process), {@code approvals} (list, approve, deny) and {@code tools}
 * (the tool registry, one per line). The configuration is {@code --config FILE}, else
 * {@code $AIOS_CONFIG}, else {@code ~/.aios/aios.yaml} when it exists; with none, the sample world.
 * Exit codes: 0 done, 1 the goal or command failed, 2 bad usage or configuration.
 */
@Command(name = "aios", mixinStandardHelpOptions = true, footer = {"",
        "Environment: AIOS_CONFIG (the configuration file), AIOS_SAMPLE_WORLD (where the sample world is,"
                + " without one), AIOS_LOG_SPANS=true (log trace spans)."}, version = "aios 0.1.0",
        description = "AI-OS: an agent that lives beside your operating system.",
        subcommands = {Cli.Run.class, Cli.Serve.class, Cli.Init.class, Cli.Ask.class, Cli.Approvals.class,
                Cli.Tools.class, Cli.Mcp.class})
public final class Cli implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), System.getenv()));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     * @param out where output goes
     * @param environment the environment (configuration path, brain keys)
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, Map<String, String> environment) {
        return run(args, out, out, environment);
    }

    /**
     * Runs the command line, with notes about what it uses (the sample world, say) on {@code notes},
     * so that output meant for other programs ({@code aios tools}) stays clean.
     */
    static int run(String[] args, PrintStream out, PrintStream notes, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new Cli(), new Factory(out, notes, environment));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof AiosConfigException || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException) {
                line.getErr().println("aios: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** Gives every command the output stream and environment. */
    private record Factory(PrintStream out, PrintStream notes, Map<String, String> environment)
            implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof Base base) {
                base.out = out;
                base.notes = notes;
                base.environment = environment;
            }
            return made;
        }
    }

    /** What every command shares: the configuration file, the output, the environment. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE",
                description = "the configuration file (default: $AIOS_CONFIG, else ~/.aios/aios.yaml when it exists)")
        @Nullable Path configFile;

        PrintStream out = System.out;
        PrintStream notes = System.err;
        Map<String, String> environment = System.getenv();

        /** @return the configuration file to read, or empty for the sample world */
        Optional<Path> configPath() {
            if (configFile != null) {
                if (!Files.isRegularFile(configFile)) {
                    throw new IllegalArgumentException("no configuration file at " + configFile
                            + " (write a starter with: aios init --config " + configFile + ")");
                }
                return Optional.of(configFile);
            }
            String env = environment.get("AIOS_CONFIG");
            if (env != null && !env.isBlank()) {
                Path p = Path.of(env);
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("AIOS_CONFIG names " + p + ", which is not a file");
                }
                return Optional.of(p);
            }
            Path home = defaultConfig(environment);
            return Files.isRegularFile(home) ? Optional.of(home) : Optional.empty();
        }

        /** @return the user's configuration, or the sample world's when there is none */
        AiosConfig config() {
            String named = environment.get("AIOS_SAMPLE_WORLD");
            // the sample's own default: ./briefing-world, beside where the command runs
            Path sampleWorld = Path.of(named == null || named.isBlank() ? "briefing-world" : named);
            Optional<Path> file = configPath();
            if (file.isPresent()) {
                return AiosConfig.load(file.get(), environment);
            }
            notes.println("aios: no configuration file (aios init writes one); using the sample world in "
                    + sampleWorld.toAbsolutePath().normalize());
            return AiosConfig.sample(sampleWorld);
        }
    }

    /** @return {@code ~/.aios/aios.yaml} */
    static Path defaultConfig(Map<String, String> environment) {
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".aios", "aios.yaml");
    }

    /** {@code aios run}: the one-shot briefing. */
    @Command(name = "run", description = "Run the morning briefing once, print it and write it to the out folder."
            + " Without a configuration file, on the sample world (options as in ./aios run).")
    static final class Run extends Base {
        @CommandLine.Unmatched
        List<String> sampleArgs = new ArrayList<>();

        @Override
        public Integer call() {
            Optional<Path> file = configPath();
            if (file.isEmpty()) {
                // The sample world, with every option the sample's own entry point takes.
                List<String> args = new ArrayList<>(sampleArgs);
                String named = environment.get("AIOS_SAMPLE_WORLD");
                if (named != null && !named.isBlank() && !args.contains("--world")) {
                    args.addAll(0, List.of("--world", named));
                }
                return dev.aios.samples.Main.run(args.toArray(String[]::new), out, environment);
            }
            if (!sampleArgs.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + sampleArgs
                        + " with a configuration file: brains and the rest are set in " + file.get());
            }
            AiosConfig config = AiosConfig.load(file.get(), environment);
            BriefingReport report = briefOnce(config, out);
            out.println();
            out.print(report.markdown());
            out.println();
            Path outFolder = config.storage().out();
            out.println("output:  " + outFolder.resolve("briefing.md") + ", " + outFolder.resolve("briefing.html"));
            return 0;
        }
    }

    static BriefingReport briefOnce(AiosConfig config, PrintStream out) {
        try (AgentParts parts = AgentParts.open(config, out)) {
            out.println("AI-OS morning briefing for " + config.user().name() + ": " + parts.brains().describe());
            BriefingAgent agent = oneShot(config, parts, out);
            try (var daemon = AgentParts.watchAndIndex(agent, o -> { }, out)) {
                return agent.run();
            }
        }
    }

    /**
     * A briefing agent for a command that ends: the user's gate policy, but the briefing's short
     * approval wait, since no console is there to answer (a step that asks is denied after it).
     */
    static BriefingAgent oneShot(AiosConfig config, AgentParts parts, PrintStream out) {
        return new BriefingAgent(config.briefingSetup(), parts.memory(), out, parts.brains().brains(),
                config.brains().allowCloud(), parts.journal(), BuiltInPacks.of(config, parts.memory()),
                b -> b.gatePolicy(config.gate().policy()));
    }

    /** {@code aios serve}: the service and its console. */
    @Command(name = "serve", description = "Run the service: awareness, scheduled briefings, goals, and the web"
            + " console on 127.0.0.1 (its link, with the token, is printed at start). Stop with Ctrl-C or SIGTERM.")
    static final class Serve extends Base {
        @Option(names = "--port", description = "the console's port (default: the configuration's, else 7070; 0: any)")
        @Nullable Integer port;

        @Option(names = "--no-briefing-at-start", description = "do not run a briefing at start")
        boolean noBriefing;

        @Override
        public Integer call() throws InterruptedException {
            AiosConfig config = config();
            AiosService.Options options = AiosService.Options.defaults().withBriefAtStart(!noBriefing);
            if (port != null) {
                options = options.withPort(port);
            }
            AiosService service = AiosService.start(config, options, out);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "aios-stop"));
            out.println("aios: serving " + config.user().name() + "'s agent");
            out.println("console: " + service.loginUrl());
            out.println("         (the token is also in " + config.storage().state().resolve(AiosService.TOKEN_FILE)
                    + ", readable by you only)");
            out.println("next briefing: " + service.nextBriefing() + " (" + config.schedule().rule() + ")");
            service.awaitStop();
            return 0;
        }
    }

    /** {@code aios init}: a commented starter configuration. */
    @Command(name = "init", description = "Write a commented starter configuration file (default ~/.aios/aios.yaml).")
    static final class Init extends Base {
        @Option(names = "--force", description = "overwrite an existing file")
        boolean force;

        @Override
        public Integer call() throws IOException {
            Path file = configFile != null ? configFile : defaultConfig(environment);
            if (Files.exists(file) && !force) {
                throw new IllegalArgumentException(file + " exists; edit it, or pass --force to overwrite it");
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, AiosConfig.starterFile());
            out.println("aios: wrote " + file + ": set your name, addresses and sources, then run: aios serve");
            return 0;
        }
    }

    /** {@code aios ask}: a goal, to the running service or in this process. */
    @Command(name = "ask", description = "Run a goal: on the running service when one runs (follow it in the"
            + " console), else in this process.")
    static final class Ask extends Base {
        @Parameters(arity = "1..*", paramLabel = "GOAL", description = "what to do")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            String goal = String.join(" ", words).strip();
            AiosConfig config = config();
            Optional<ServiceClient> service = ServiceClient.find(config.storage().state());
            if (service.isPresent()) {
                JsonNode answer = service.get().post("api/goals", Map.of("goal", goal));
                String runId = answer.path("runId").asText();
                out.println("aios: sent to the running service as run " + runId);
                out.println("follow it: " + service.get().base().resolve("runs/" + runId));
                return 0;
            }
            try (AgentParts parts = AgentParts.open(config, notes)) {
                BriefingAgent agent = oneShot(config, parts, out);
                out.println("aios: no service runs; running here (a step that needs your approval is denied: start"
                        + " aios serve to answer in its console)");
                RunOutcome outcome = agent.agent().run(Goal.of(goal));
                out.println(outcome.answer());
                out.printf("status:  %s (%s)%n", outcome.status(), outcome.detail());
                return outcome.succeeded() ? 0 : 1;
            }
        }
    }

    /** {@code aios approvals}: what waits for you, and your answer. */
    @Command(name = "approvals", description = "List pending approvals; approve ID or deny ID with a reason."
            + " Needs the running service.")
    static final class Approvals extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "list (default), approve or deny")
        String action = "list";

        @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "the approval's id")
        @Nullable String id;

        @Option(names = {"--note", "--reason"}, description = "why (kept in the journal)")
        String note = "";

        @Override
        public Integer call() throws Exception {
            AiosConfig config = config();
            ServiceClient service = ServiceClient.find(config.storage().state()).orElseThrow(() -> new IllegalStateException(
                    "no service runs on " + config.storage().state() + ": start it with aios serve"));
            switch (action) {
                case "list" -> {
                    JsonNode pending = service.get("api/approvals");
                    if (pending.isEmpty()) {
                        out.println("nothing waits for your approval");
                    }
                    for (JsonNode a : pending) {
                        out.println(a.path("id").asText() + "\t" + a.path("tool").asText() + "\t"
                                + a.path("reason").asText());
                    }
                    return 0;
                }
                case "approve", "deny" -> {
                    if (id == null) {
                        throw new IllegalArgumentException("aios approvals " + action + " needs the approval's id"
                                + " (aios approvals lists them)");
                    }
                    JsonNode answer = service.post("api/approvals/" + id + "/" + action, Map.of("note", note));
                    if (answer.has("error")) {
                        out.println(answer.path("error").asText());
                        return 1;
                    }
                    out.println(answer.path("outcome").asText() + " " + id);
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown action '" + action + "': list, approve or deny");
            }
        }
    }

    /** {@code aios tools}: the tool registry. */
    @Command(name = "tools", description = "List the agent's tools, one per line: name, risk, description.")
    static final class Tools extends Base {
        @Override
        public Integer call() {
            AiosConfig config = config();
            try (Memory memory = BriefingMemory.open(config.storage().state())) {
                // Only its tools are wanted: no brains, no journal.
                BriefingAgent agent = new BriefingAgent(config.briefingSetup(), memory,
                        new PrintStream(java.io.OutputStream.nullOutputStream()), List.of(), false, null,
                        BuiltInPacks.of(config, memory), UnaryOperator.identity());
                for (ToolDescriptor d : agent.agent().tools().tools()) {
                    out.println(d.name() + "\t" + risk(d.risk()) + "\t" + d.description().replaceAll("\\s+", " "));
                }
            }
            return 0;
        }
    }

    /** {@code aios mcp}: goals from an MCP client (a desktop assistant, an IDE) over stdio. */
    @Command(name = "mcp", description = "Serve MCP over stdio with one tool, aios.ask: a goal in words, sent to the"
            + " running service (where its approvals wait in the console), else run in this process.")
    static final class Mcp extends Base {
        @Override
        public Integer call() throws Exception {
            out = notes; // stdout carries the protocol
            AiosConfig config = config();
            Optional<ServiceClient> service = ServiceClient.find(config.storage().state());
            dev.aios.tools.McpToolServer.Builder server = dev.aios.tools.McpToolServer.builder().serverInfo("aios", "0.1.0");
            if (service.isPresent()) {
                ServiceClient client = service.get();
                server.tools(dev.aios.tools.InProcessToolRegistry.builder().tool("aios.ask",
                        "Give the user's AI-OS service a goal in words; it runs there, through its gate (follow and"
                                + " approve it in the console). Answers the run's id and its console page.",
                        "{\"type\":\"object\",\"properties\":{\"goal\":{\"type\":\"string\"}},\"required\":[\"goal\"]}",
                        dev.aios.api.ToolRisk.SIDE_EFFECTING, args -> {
                            Object goal = args.get("goal");
                            if (!(goal instanceof String g) || g.isBlank()) {
                                return dev.aios.api.ToolResult.failure("argument 'goal' must be a non-empty string");
                            }
                            JsonNode run = client.post("api/goals", Map.of("goal", g));
                            String runId = run.path("runId").asText();
                            return dev.aios.api.ToolResult.success("started run " + runId + "; follow it at "
                                    + client.base().resolve("runs/" + runId));
                        }).build());
                server.build().serveStdio();
                return 0;
            }
            try (AgentParts parts = AgentParts.open(config, notes)) {
                BriefingAgent agent = oneShot(config, parts, out);
                server.agent("aios.ask", "Give the user's AI-OS agent a goal in words; it runs through its gate.",
                        agent.agent()::run).build().serveStdio();
            }
            return 0;
        }
    }

    /** A tool's risk in a word or a few: {@code read-only}, {@code destructive,open-world}, ... */
    static String risk(dev.aios.api.ToolRisk risk) {
        List<String> words = new ArrayList<>();
        words.add(risk.level().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (risk.openWorld()) {
            words.add("open-world");
        }
        if (risk.idempotent()) {
            words.add("idempotent");
        }
        return String.join(",", words);
    }

    /** The running service's JSON API, found through the files it writes in the state folder. */
    record ServiceClient(URI base, String token, HttpClient http) {
        static Optional<ServiceClient> find(Path state) {
            Path url = state.resolve(AiosService.URL_FILE);
            Path token = state.resolve(AiosService.TOKEN_FILE);
            if (!Files.isRegularFile(url) || !Files.isRegularFile(token)) {
                return Optional.empty();
            }
            try {
                ServiceClient client = new ServiceClient(URI.create(Files.readString(url).strip()),
                        Files.readString(token).strip(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
                client.get("api/approvals"); // is it alive? (a killed service leaves its files)
                return Optional.of(client);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        JsonNode get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        JsonNode post(String path, Map<String, String> body) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        }

        private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> answer = http.send(request.header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 404 && answer.body().startsWith("{")) {
                return JSON.readTree(answer.body()); // {"error": ...}: the caller says it
            }
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("the service answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        }
    }
}
