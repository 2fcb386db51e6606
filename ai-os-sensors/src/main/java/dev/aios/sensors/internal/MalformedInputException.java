package dev.aios.sensors.internal;

/** A file or record that cannot be understood; the sensor logs it with the file name and skips it. */
final class MalformedInputException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedInputException(String message) {
        super(message);
    }
}
