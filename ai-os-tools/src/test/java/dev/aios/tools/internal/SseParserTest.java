package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private final List<SseParser.Event> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    private void feed(String text) {
        parser.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eventsEndAtAnEmptyLineWhateverTheLineEnds() {
        feed("data: one\n\nevent: message\r\ndata: two\r\n\r\ndata: three\r\rdata: four\n\n");
        assertThat(events).containsExactly(new SseParser.Event("message", "one"), new SseParser.Event("message", "two"),
                new SseParser.Event("message", "three"), new SseParser.Event("message", "four"));
    }

    @Test
    void bytesSplitAnywhereGiveTheSameEvents() {
        String stream = "id: 7\r\nevent: note\r\ndata: {\"a\":\r\ndata: \"é\"}\r\n\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<SseParser.Event> seen = new ArrayList<>();
            SseParser split = new SseParser(seen::add);
            split.feed(ByteBuffer.wrap(bytes, 0, cut));
            split.feed(ByteBuffer.wrap(bytes, cut, bytes.length - cut));
            assertThat(seen).as("cut at " + cut).containsExactly(new SseParser.Event("note", "{\"a\":\n\"é\"}"));
            assertThat(split.lastId()).isEqualTo("7");
        }
    }

    @Test
    void rememberTheLastIdAndRetryAndSkipCommentsAndPrimingEvents() {
        feed(": keep-alive\n\nid: 1\nretry: 250\ndata:\n\n");
        assertThat(events).as("an event with empty data is dispatched, the transport skips it").hasSize(1);
        assertThat(events.getFirst().data()).isEmpty();
        feed("id: 2\nretry: soon\nevent: message\n\n"); // no data: not dispatched
        assertThat(events).hasSize(1);
        assertThat(parser.lastId()).isEqualTo("2");
        assertThat(parser.retry()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aHalfEventIsNeverDispatchedNorItsIdKept() {
        feed("id: 1\ndata: whole\n\nid: 2\ndata: half");
        assertThat(events).extracting(SseParser.Event::data).containsExactly("whole");
        assertThat(parser.lastId()).as("resumed after the last whole event").isEqualTo("1");
    }
}
