package dev.aios.api.spi;

/** Creates a {@link dev.aios.api.ToolRegistry} (tool registry) from settings; found by {@link java.util.ServiceLoader}. */
public interface ToolRegistryFactory extends ComponentFactory<dev.aios.api.ToolRegistry> {}
