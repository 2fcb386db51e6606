package dev.aios.sensors.internal;

/**
 * The sink refused an observation (memory could not be written). Unlike a malformed file, the
 * file is not marked as read, so the next scan tries again and nothing is lost.
 */
public final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(RuntimeException cause) {
        super(cause.getMessage(), cause);
    }
}
