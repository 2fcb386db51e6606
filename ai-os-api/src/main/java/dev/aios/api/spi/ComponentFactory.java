package dev.aios.api.spi;

import java.util.Map;

/**
 * Creates a configured component by name: a memory store, a tool registry, a brain router or a
 * sensor that needs settings (a folder, a URL) before it can exist. Implementations are found by
 * {@link java.util.ServiceLoader} under their specific interfaces
 * ({@link MemoryFactory}, {@link ToolRegistryFactory}, {@link BrainRouterFactory},
 * {@link SensorFactory}).
 *
 * @param <T> what it creates
 */
public interface ComponentFactory<T> extends NamedExtension {

    /**
     * @param settings named settings, documented by each factory; unknown keys are an error
     * @return a new component
     * @throws dev.aios.api.AiOsException if a setting is missing or invalid; the message names it
     */
    T create(Map<String, String> settings);
}
