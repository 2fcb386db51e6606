package dev.aios.tools;

import java.io.InputStream;

/**
 * The fixture over Streamable HTTP behind a static bearer token taken from the environment
 * ({@code AIOS_TEST_TOKEN}), run as a child process by {@link StaticTokenAuthIT}: prints
 * {@code LISTENING <url>}, serves until its standard input closes.
 */
public final class TokenServerMain {
    private TokenServerMain() {}

    public static void main(String[] args) throws Exception {
        ServedFixture fixture = new ServedFixture(McpHttpAuth.bearerToken(System.getenv("AIOS_TEST_TOKEN")));
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0)) {
            System.out.println("LISTENING " + running.url());
            System.out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
    }
}
