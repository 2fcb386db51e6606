package dev.aios.tools.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The client's side of a stdio connection as the SDK reads it: one JSON-RPC message per line,
 * each passed through a {@link CallRelay} first (cancellations consumed, calls tagged); counts
 * down {@code ended} when the client closes its end.
 */
public final class StdioRelayStream extends InputStream {
    private static final String SESSION = "stdio";

    private final BufferedReader lines;
    private final CallRelay relay;
    private final CountDownLatch ended;
    private byte[] pending = new byte[0];
    private int position;

    /** @param in the client's messages, UTF-8, one per line */
    public StdioRelayStream(InputStream in, CallRelay relay, CountDownLatch ended) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.relay = relay;
        this.ended = ended;
    }

    private boolean fill() throws IOException {
        while (position >= pending.length) {
            String line = lines.readLine();
            if (line == null) {
                ended.countDown();
                return false;
            }
            String passed = line.isBlank() ? line : relay.process(line, SESSION);
            if (passed != null) {
                pending = (passed + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? pending[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
