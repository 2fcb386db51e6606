package dev.aios.service.internal.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A finished span as the console shows it: plain values, so the console needs nothing of the
 * OpenTelemetry SDK.
 *
 * @param name such as {@code invoke_agent aios}, {@code execute_tool mail.send} or {@code chat local}
 * @param traceId the trace's id (hex)
 * @param spanId the span's id (hex)
 * @param parentSpanId the parent span's id (hex), or empty for a root span
 * @param start when it started
 * @param duration how long it took
 * @param error whether it ended with status ERROR
 * @param attributes its attributes, values as text (the runtime puts no argument, prompt or secret there)
 */
public record FinishedSpan(String name, String traceId, String spanId, String parentSpanId, Instant start,
        Duration duration, boolean error, Map<String, String> attributes) {

    /** Copies. */
    public FinishedSpan {
        attributes = Map.copyOf(attributes);
    }
}
