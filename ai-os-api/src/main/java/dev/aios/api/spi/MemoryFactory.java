package dev.aios.api.spi;

/** Creates a {@link dev.aios.api.Memory} (memory store) from settings; found by {@link java.util.ServiceLoader}. */
public interface MemoryFactory extends ComponentFactory<dev.aios.api.Memory> {}
