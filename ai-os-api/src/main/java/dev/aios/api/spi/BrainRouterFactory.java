package dev.aios.api.spi;

/** Creates a {@link dev.aios.api.BrainRouter} (brain router) from settings; found by {@link java.util.ServiceLoader}. */
public interface BrainRouterFactory extends ComponentFactory<dev.aios.api.BrainRouter> {}
