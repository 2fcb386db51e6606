package dev.aios.routing;

import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.Secrets;
import dev.aios.api.spi.ChatModelProvider;
import dev.aios.api.spi.Extensions;
import dev.aios.routing.internal.ProviderModels;
import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Builds brains from a properties file, with LangChain4j's own provider modules. API keys are
 * read from environment variables named in the file, never from the file itself, and never
 * appear in logs, exception messages or {@code toString()}.
 * {@snippet lang=properties :
 * brains = llama, gpt
 *
 * brain.llama.provider = ollama            # local, through Ollama's OpenAI-compatible endpoint
 * brain.llama.model = llama3.2
 *
 * brain.smol.provider = local              # in this process, from a Hugging Face model folder
 * brain.smol.model = /models/SmolLM2-360M-Instruct
 *
 * brain.gpt.provider = openai
 * brain.gpt.model = gpt-4o-mini
 * brain.gpt.apiKeyEnv = OPENAI_API_KEY     # the default for openai
 * brain.gpt.inputPricePerMillion = 0.15
 * brain.gpt.outputPricePerMillion = 0.60
 * brain.gpt.contextWindow = 128000
 * brain.gpt.capabilities = TOOL_CALLING, JSON_OUTPUT, VISION, CODE
 * }
 * Keys per brain: {@code provider} ({@code openai}, {@code anthropic}, {@code ollama},
 * {@code openai-compatible} for vLLM, DJL Serving and the like, or the name of any
 * {@link ChatModelProvider} on the class path, such as {@code local} (ai-os-inference) for a
 * model loaded in this process from the folder that {@code model} names; required), {@code model}
 * (required), {@code apiKeyEnv} (default {@code OPENAI_API_KEY} / {@code ANTHROPIC_API_KEY};
 * none for ollama and local), {@code baseUrl}, {@code location} ({@code local} or {@code cloud};
 * default local for ollama and local, cloud otherwise), {@code inputPricePerMillion} and
 * {@code outputPricePerMillion} (default 0), {@code contextWindow} (default 8192),
 * {@code capabilities} (comma-separated {@link BrainProfile.Capability} names; default none),
 * {@code typicalLatency} and {@code timeout} (ISO-8601 durations; defaults PT2S and PT60S).
 * The models are built with no retries of their own: the router's {@link Resilience} retries.
 *
 * <p>The OpenAI and Anthropic clients are optional dependencies of ai-os-routing: a host that
 * configures those providers adds {@code dev.langchain4j:langchain4j-open-ai} or
 * {@code langchain4j-anthropic} (versions from ai-os-bom); without them the catalog says which
 * artifact is missing.
 */
public final class BrainCatalog {
    private static final Set<String> KEYS = Set.of("provider", "model", "apiKeyEnv", "baseUrl", "location",
            "inputPricePerMillion", "outputPricePerMillion", "contextWindow", "capabilities", "typicalLatency",
            "timeout");

    private BrainCatalog() {}

    /**
     * @return the brains the file declares, in its {@code brains} order, keys from the process
     *     environment
     * @throws AiOsException if the file is missing or a setting is invalid; the message names it
     */
    public static List<Brain> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw AiOsException.permanent("cannot read the brain configuration " + file + ": " + e.getMessage(), e);
        }
        return fromProperties(properties, System.getenv());
    }

    /**
     * @param properties the settings, as in a brain configuration file
     * @param environment where {@code apiKeyEnv} variables are looked up
     * @return the brains declared
     * @throws AiOsException naming the first missing or invalid setting
     */
    public static List<Brain> fromProperties(Properties properties, Map<String, String> environment) {
        String list = properties.getProperty("brains");
        if (list == null || list.isBlank()) {
            throw bad("'brains' is missing: list the brain names, e.g. brains = local, gpt");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (!name.isBlank() && !names.add(name.strip())) {
                throw bad("brain '" + name.strip() + "' is listed twice in 'brains'");
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.equals("brains")) {
                continue;
            }
            String[] parts = key.split("\\.", 3);
            if (parts.length != 3 || !parts[0].equals("brain") || !names.contains(parts[1])) {
                throw bad("unknown setting '" + key + "': settings are brain.<name>.<key> for a name in 'brains' "
                        + names);
            }
            if (!KEYS.contains(parts[2])) {
                throw bad("unknown setting '" + key + "'; keys are " + new TreeSet<>(KEYS));
            }
        }
        List<Brain> brains = new ArrayList<>();
        for (String name : names) {
            brains.add(brain(name, properties, environment));
        }
        return brains;
    }

    /**
     * Frees what the catalog opened for {@code brains}: models that hold resources in this process
     * (those of {@code local} brains), which are {@link AutoCloseable}. Brains of remote providers
     * hold nothing to free. Failures are logged, not thrown, so every brain gets its turn.
     */
    public static void closeAll(List<Brain> brains) {
        for (Brain brain : brains) {
            if (brain.model() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LoggerFactory.getLogger(BrainCatalog.class).warn("closing brain {} failed", brain.name(), e);
                }
            }
        }
    }

    private static Brain brain(String name, Properties p, Map<String, String> env) {
        String prefix = "brain." + name + ".";
        String provider = required(p, prefix + "provider").toLowerCase(Locale.ROOT);
        String model = required(p, prefix + "model");
        Duration timeout = duration(p, prefix + "timeout", Duration.ofSeconds(60));
        String baseUrl = p.getProperty(prefix + "baseUrl");
        ChatModel chatModel;
        BrainProfile.Location defaultLocation = BrainProfile.Location.CLOUD;
        switch (provider) {
            case "openai", "openai-compatible" -> {
                String key = key(p, prefix, "OPENAI_API_KEY", env, provider.equals("openai"));
                if (provider.equals("openai-compatible") && baseUrl == null) {
                    throw bad("'" + prefix + "baseUrl' is required for provider openai-compatible");
                }
                chatModel = ProviderModels.openAi(baseUrl, key == null ? "none" : key, model, timeout);
            }
            case "ollama" -> {
                // Ollama serves the OpenAI protocol at /v1; langchain4j-ollama has no 1.19.0 release to match core.
                chatModel = ProviderModels.openAi(baseUrl != null ? baseUrl : "http://localhost:11434/v1", "ollama",
                        model, timeout);
                defaultLocation = BrainProfile.Location.LOCAL;
            }
            case "anthropic" -> {
                String key = key(p, prefix, "ANTHROPIC_API_KEY", env, true);
                chatModel = ProviderModels.anthropic(baseUrl, key, model, timeout);
            }
            default -> {
                // One class-path scan: the provider, or the names for the error.
                List<ChatModelProvider> plugged = Extensions.all(ChatModelProvider.class);
                ChatModelProvider found = plugged.stream().filter(e -> e.name().equals(provider)).findFirst()
                        .orElseThrow(() -> bad("'" + prefix + "provider' is '" + provider + "'; known providers: openai,"
                                + " anthropic, ollama, openai-compatible"
                                + plugged.stream().map(e -> ", " + e.name()).collect(Collectors.joining())
                                + (provider.equals("local") ? " (provider 'local' comes with ai-os-inference: add"
                                        + " dev.aios:ai-os-inference to the class path)" : "")));
                chatModel = found.chatModel(model);
                defaultLocation = found.defaultLocation();
            }
        }
        BrainProfile.Location location = defaultLocation;
        String where = p.getProperty(prefix + "location");
        if (where != null) {
            try {
                location = BrainProfile.Location.valueOf(where.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad("'" + prefix + "location' is '" + where + "'; use local or cloud");
            }
        }
        Set<BrainProfile.Capability> capabilities = EnumSet.noneOf(BrainProfile.Capability.class);
        String caps = p.getProperty(prefix + "capabilities", "");
        for (String cap : caps.split(",")) {
            if (cap.isBlank()) {
                continue;
            }
            try {
                capabilities.add(BrainProfile.Capability.valueOf(cap.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw bad("'" + prefix + "capabilities' has '" + cap.strip() + "'; known: "
                        + List.of(BrainProfile.Capability.values()));
            }
        }
        int context;
        try {
            context = Integer.parseInt(p.getProperty(prefix + "contextWindow", "8192").strip());
        } catch (NumberFormatException e) {
            throw bad("'" + prefix + "contextWindow' is not a whole number: " + p.getProperty(prefix + "contextWindow"));
        }
        try {
            BrainProfile profile = new BrainProfile(provider.equals("openai-compatible") ? "openai-compatible:" + name
                    : provider, location, money(p, prefix + "inputPricePerMillion"),
                    money(p, prefix + "outputPricePerMillion"), context, capabilities,
                    duration(p, prefix + "typicalLatency", Duration.ofSeconds(2)));
            return new Brain(name, chatModel, profile);
        } catch (IllegalArgumentException e) {
            throw bad("brain '" + name + "': " + e.getMessage());
        }
    }

    private static String key(Properties p, String prefix, String defaultEnv, Map<String, String> env,
            boolean required) {
        String variable = p.getProperty(prefix + "apiKeyEnv", required ? defaultEnv : "").strip();
        if (variable.isEmpty()) {
            return null;
        }
        String key = env.get(variable);
        if (key == null || key.isBlank()) {
            if (!required) {
                return null;
            }
            throw bad("the environment variable " + variable + " (from '" + prefix + "apiKeyEnv') is not set;"
                    + " export the provider's API key in it");
        }
        Secrets.register(key);
        return key;
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw bad("'" + key + "' is missing");
        }
        return value.strip();
    }

    private static BigDecimal money(Properties p, String key) {
        String value = p.getProperty(key, "0").strip();
        try {
            BigDecimal amount = new BigDecimal(value);
            if (amount.signum() < 0) {
                throw bad("'" + key + "' must be >= 0, was " + value);
            }
            return amount;
        } catch (NumberFormatException e) {
            throw bad("'" + key + "' is not a number: " + value);
        }
    }

    private static Duration duration(Properties p, String key, Duration fallback) {
        String value = p.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.strip());
            if (d.isNegative() || d.isZero()) {
                throw bad("'" + key + "' must be positive, was " + value);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw bad("'" + key + "' is not an ISO-8601 duration such as PT30S: " + value);
        }
    }

    private static AiOsException bad(String message) {
        return AiOsException.permanent("brain configuration: " + message);
    }
}
