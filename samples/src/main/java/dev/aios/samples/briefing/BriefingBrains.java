package dev.aios.samples.briefing;

import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.routing.BrainCatalog;
import dev.aios.inference.local.LocalChatModel;
import dev.aios.inference.local.LocalModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The generative brains the briefing may write drafts with, found where a user would put them:
 * <ul>
 *   <li>a Hugging Face model folder ({@code --model DIR} or {@code AIOS_MODEL_DIR}), loaded in
 *       this process as the local brain {@value #LOCAL_MODEL};</li>
 *   <li>a brain configuration file ({@code --brains FILE} or {@code AIOS_BRAINS}), read by
 *       {@link BrainCatalog#load};</li>
 *   <li>{@code OPENAI_API_KEY} (gpt-4o-mini, cloud), {@code ANTHROPIC_API_KEY}
 *       (claude-3-5-haiku-latest, cloud), {@code OLLAMA_BASE_URL} or {@code OLLAMA_HOST}
 *       (llama3.2 through Ollama, local).</li>
 * </ul>
 * Keys go through {@link BrainCatalog#fromProperties}, so they are handled as everywhere else:
 * read from the environment, never logged. Nothing configured gives no brains, and the briefing
 * writes short templates in the user's voice instead. Close it to free a model loaded from a folder.
 */
public final class BriefingBrains implements AutoCloseable {
    /** The name of the brain loaded from {@code --model DIR}. */
    public static final String LOCAL_MODEL = "local-model";

    private final List<Brain> brains;
    private final @Nullable LocalModel localModel;

    private BriefingBrains(List<Brain> brains, @Nullable LocalModel localModel) {
        this.brains = List.copyOf(brains);
        this.localModel = localModel;
    }

    /** @return no brains: the briefing writes template drafts, as it does with nothing configured */
    public static BriefingBrains none() {
        return new BriefingBrains(List.of(), null);
    }

    /**
     * Finds the configured brains.
     *
     * @param modelDir a model folder given on the command line, or null to look at {@code AIOS_MODEL_DIR}
     * @param brainsFile a brain configuration file given on the command line, or null to look at
     *     {@code AIOS_BRAINS}
     * @param environment the process environment (keys and URLs are read from it)
     * @return the brains, in the order above (the local model first)
     * @throws dev.aios.api.AiOsException if a folder or file is not usable; the message names it
     * @throws IllegalArgumentException if the model folder does not exist
     */
    public static BriefingBrains configure(@Nullable Path modelDir, @Nullable Path brainsFile,
            Map<String, String> environment) {
        List<Brain> brains = new ArrayList<>();
        Path folder = modelDir != null ? modelDir : path(environment.get("AIOS_MODEL_DIR"));
        LocalModel model = loadModel(folder, brains);
        try {
            Path file = brainsFile != null ? brainsFile : path(environment.get("AIOS_BRAINS"));
            if (file != null) {
                brains.addAll(BrainCatalog.load(file));
            }
            Properties p = new Properties();
            List<String> names = new ArrayList<>();
            if (set(environment, "OLLAMA_BASE_URL") || set(environment, "OLLAMA_HOST")) {
                names.add("ollama");
                p.setProperty("brain.ollama.provider", "ollama");
                p.setProperty("brain.ollama.model", "llama3.2");
                p.setProperty("brain.ollama.baseUrl", ollamaUrl(set(environment, "OLLAMA_BASE_URL")
                        ? environment.get("OLLAMA_BASE_URL") : environment.get("OLLAMA_HOST")));
            }
            if (set(environment, "OPENAI_API_KEY")) {
                names.add("openai");
                p.setProperty("brain.openai.provider", "openai");
                p.setProperty("brain.openai.model", "gpt-4o-mini");
                p.setProperty("brain.openai.inputPricePerMillion", "0.15");
                p.setProperty("brain.openai.outputPricePerMillion", "0.60");
                p.setProperty("brain.openai.contextWindow", "128000");
            }
            if (set(environment, "ANTHROPIC_API_KEY")) {
                names.add("anthropic");
                p.setProperty("brain.anthropic.provider", "anthropic");
                p.setProperty("brain.anthropic.model", "claude-3-5-haiku-latest");
                p.setProperty("brain.anthropic.inputPricePerMillion", "0.80");
                p.setProperty("brain.anthropic.outputPricePerMillion", "4.00");
                p.setProperty("brain.anthropic.contextWindow", "200000");
            }
            if (!names.isEmpty()) {
                p.setProperty("brains", String.join(",", names));
                for (Brain b : BrainCatalog.fromProperties(p, environment)) {
                    // A brain of the same name from the file wins over the environment's default.
                    if (brains.stream().noneMatch(x -> x.name().equals(b.name()))) {
                        brains.add(b);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            BrainCatalog.closeAll(brains);
            throw e;
        }
        return new BriefingBrains(brains, model);
    }

    /**
     * The brains a configuration names, and nothing from the environment's defaults: a local model
     * folder and a catalog in {@link BrainCatalog}'s properties format (built, for instance, from a
     * YAML configuration file).
     *
     * @param modelDir a Hugging Face model folder loaded as {@value #LOCAL_MODEL}, or null
     * @param catalog brain settings as {@link BrainCatalog#fromProperties} reads them; empty for none
     * @param environment where the catalog's {@code apiKeyEnv} variables are looked up
     * @return the brains, the local model first
     * @throws IllegalArgumentException if the model folder does not exist
     * @throws dev.aios.api.AiOsException naming the first catalog setting that is not usable
     */
    public static BriefingBrains of(@Nullable Path modelDir, Properties catalog, Map<String, String> environment) {
        List<Brain> brains = new ArrayList<>();
        LocalModel model = loadModel(modelDir, brains);
        try {
            if (!catalog.isEmpty()) {
                brains.addAll(BrainCatalog.fromProperties(catalog, environment));
            }
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            BrainCatalog.closeAll(brains);
            throw e;
        }
        return new BriefingBrains(brains, model);
    }

    /** @return the brains found, local model first; empty when nothing is configured */
    public List<Brain> brains() {
        return brains;
    }

    /** @return one line for the header: each brain with where it runs, or the rule-based default */
    public String describe() {
        if (brains.isEmpty()) {
            return "rule-based brain; no network, no keys";
        }
        List<String> parts = new ArrayList<>();
        for (Brain b : brains) {
            parts.add(b.name() + " (" + b.profile().location().name().toLowerCase(Locale.ROOT) + ")");
        }
        return "rule-based planner; draft brains: " + String.join(", ", parts) + ", routed";
    }

    /** Frees the model loaded from a folder, if any, and the local models a brains file opened. */
    @Override
    public void close() {
        if (localModel != null) {
            localModel.close();
        }
        BrainCatalog.closeAll(brains);
    }

    /** Loads the model in {@code folder}, if one is named, and adds it to {@code brains} as {@value #LOCAL_MODEL}. */
    private static @Nullable LocalModel loadModel(@Nullable Path folder, List<Brain> brains) {
        if (folder == null) {
            return null;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("the model folder " + folder + " does not exist or is not a folder");
        }
        LocalModel model = LocalModel.builder(folder).maxBatch(1).build();
        brains.add(Brain.local(LOCAL_MODEL, new LocalChatModel(model)));
        return model;
    }

    /** @return whether {@code brain} keeps prompts on this machine */
    public static boolean local(Brain brain) {
        return brain.profile().location() == BrainProfile.Location.LOCAL;
    }

    /** Ollama's OpenAI-compatible endpoint from {@code OLLAMA_HOST} ({@code host:port}) or a base URL. */
    static String ollamaUrl(String value) {
        String url = value.strip();
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        url = url.replaceAll("/+$", "");
        return url.endsWith("/v1") ? url : url + "/v1";
    }

    private static boolean set(Map<String, String> env, String key) {
        String value = env.get(key);
        return value != null && !value.isBlank();
    }

    private static @Nullable Path path(@Nullable String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }
}
