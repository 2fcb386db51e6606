package dev.aios.tools.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Server-sent events, parsed as the bytes arrive (the WHATWG rules MCP's Streamable HTTP uses):
 * lines ended by LF, CRLF or CR; {@code data} lines joined with LF; an event dispatched at an
 * empty line, and only if it had data; {@code id} and {@code retry} remembered across events. A
 * half event left when the stream stops is never dispatched, and its id is not the last id: a
 * stream resumed after the last whole event gets the half one again. Not thread-safe: one per connection.
 */
final class SseParser {
    /** One event: its type ({@code message} when none was named) and its data. */
    record Event(String type, String data) {}

    /** A longer line is a broken server, not an event. */
    private static final int MAX_LINE = 16 * 1024 * 1024;

    private final Consumer<Event> events;
    private byte[] line = new byte[1024];
    private int length;
    private boolean afterCr;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private @Nullable String type;
    /** The id named so far; it becomes {@link #lastId} only when its event is whole. */
    private @Nullable String idBuffer;
    private @Nullable String lastId;
    private @Nullable Duration retry;

    /** @param events receives each whole event, on the thread that feeds the bytes */
    SseParser(Consumer<Event> events) {
        this.events = events;
    }

    /** Parses {@code bytes}, dispatching each event it completes. */
    void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (afterCr) {
                afterCr = false;
                if (b == '\n') {
                    continue; // the LF of a CRLF
                }
            }
            if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                line(new String(line, 0, length, StandardCharsets.UTF_8));
                length = 0;
                continue;
            }
            if (length == line.length) {
                if (length >= MAX_LINE) {
                    throw new IllegalStateException("an SSE line longer than " + MAX_LINE + " bytes");
                }
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }
    }

    /** @return the id of the last event that named one (for {@code Last-Event-ID}); null if none did */
    @Nullable String lastId() {
        return lastId;
    }

    /** @return the reconnection time the server last asked for; null if it never did */
    @Nullable Duration retry() {
        return retry;
    }

    private void line(String text) {
        if (text.isEmpty()) {
            lastId = idBuffer;
            if (hasData) {
                events.accept(new Event(type == null || type.isEmpty() ? "message" : type, data.toString()));
            }
            data.setLength(0);
            hasData = false;
            type = null;
            return;
        }
        if (text.charAt(0) == ':') {
            return; // a comment, such as a keep-alive
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> type = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    idBuffer = value.isEmpty() ? null : value;
                }
            }
            case "retry" -> {
                try {
                    retry = Duration.ofMillis(Long.parseLong(value.strip()));
                } catch (NumberFormatException ignored) {
                    // the SSE rules say to ignore a retry that is not a number
                }
            }
            default -> { }
        }
    }
}
