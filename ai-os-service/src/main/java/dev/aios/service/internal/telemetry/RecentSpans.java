package dev.aios.service.internal.telemetry;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the last {@code capacity} finished spans in memory, oldest dropped first: what the console
 * shows instead of a tracing backend. Bounded, so a busy service holds a fixed amount of memory.
 */
final class RecentSpans implements SpanProcessor {
    private final int capacity;
    private final ArrayDeque<FinishedSpan> spans;

    RecentSpans(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.spans = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        FinishedSpan finished = of(span.toSpanData());
        synchronized (spans) {
            if (spans.size() == capacity) {
                spans.removeFirst();
            }
            spans.addLast(finished);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    /** @return the spans kept, newest first */
    List<FinishedSpan> recent() {
        synchronized (spans) {
            List<FinishedSpan> copy = new ArrayList<>(spans);
            java.util.Collections.reverse(copy);
            return copy;
        }
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    private static FinishedSpan of(SpanData data) {
        Map<String, String> attributes = new LinkedHashMap<>();
        data.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
        String parent = data.getParentSpanContext().isValid() ? data.getParentSpanId() : "";
        return new FinishedSpan(data.getName(), data.getTraceId(), data.getSpanId(), parent,
                Instant.ofEpochSecond(0, data.getStartEpochNanos()),
                Duration.ofNanos(data.getEndEpochNanos() - data.getStartEpochNanos()),
                data.getStatus().getStatusCode() == StatusCode.ERROR, attributes);
    }
}
