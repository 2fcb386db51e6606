package dev.aios.api.spi;

/** Creates a {@link Sensor} (sensor) from settings; found by {@link java.util.ServiceLoader}. */
public interface SensorFactory extends ComponentFactory<Sensor> {}
