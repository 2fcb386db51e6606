package dev.aios.service.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The console's static files, read once from the class path: htmx and its SSE extension from
 * their webjars, and the console's own style sheet. Served by the console itself (not a static
 * file handler), so they pass the same token check and carry the same headers as every page.
 */
final class ConsoleAssets {
    /** htmx, from {@code org.webjars.npm:htmx.org}. */
    static final String HTMX = "/assets/htmx.min.js";
    /** htmx's SSE extension, from {@code org.webjars.npm:htmx-ext-sse}. */
    static final String SSE = "/assets/sse.js";
    /** The console's style sheet. */
    static final String CSS = "/assets/console.css";

    private static final String HTMX_RESOURCE = "META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    private static final String SSE_RESOURCE = "META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js";
    private static final String CSS_RESOURCE = "dev/aios/service/internal/console/console.css";

    /** A file and its content type. */
    record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> byPath;

    private ConsoleAssets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    /** @throws IllegalStateException naming the missing file and the artifact that holds it */
    static ConsoleAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        assets.put(HTMX, new Asset(read(HTMX_RESOURCE, "org.webjars.npm:htmx.org:2.0.4"), "text/javascript"));
        assets.put(SSE, new Asset(read(SSE_RESOURCE, "org.webjars.npm:htmx-ext-sse:2.2.2"), "text/javascript"));
        assets.put(CSS, new Asset(read(CSS_RESOURCE, "ai-os-service"), "text/css"));
        return new ConsoleAssets(Map.copyOf(assets));
    }

    /** @return the asset served at {@code path}, or null */
    @Nullable Asset get(String path) {
        return byPath.get(path);
    }

    private static byte[] read(String resource, String artifact) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console needs " + resource + " on the class path; add "
                        + artifact + " (its version must match this path)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource + " from " + artifact, e);
        }
    }
}
