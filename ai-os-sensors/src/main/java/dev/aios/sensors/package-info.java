/**
 * Sensors for persistent awareness (placeholder): mail folders, calendars, chat exports, a local
 * tracker and the clock, each a {@link dev.aios.api.spi.Sensor}.
 */
package dev.aios.sensors;
