package dev.aios.tools.internal;

import dev.aios.tools.McpServerConfig;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the client transport that a server's configuration asks for (stdio with an isolated
 * environment through {@link DirectStdioTransport}; the SDK's Streamable HTTP and legacy SSE
 * transports), and kills what a stdio transport started when its session ends.
 */
final class ServerTransports {
    private static final Logger log = LoggerFactory.getLogger(ServerTransports.class);

    private ServerTransports() {}

    /**
     * @param connectTimeout how long an HTTP connection may take to open
     * @return a new, unstarted transport
     */
    @SuppressWarnings("deprecation") // the SDK deprecates its legacy SSE transport; some servers still need it
    static McpClientTransport open(McpServerConfig config, Duration connectTimeout, @Nullable OAuthClient oauth) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        return switch (config.transport()) {
            case STDIO -> {
                ServerParameters parameters = ServerParameters.builder(config.command())
                        .args(config.args())
                        .env(config.env())
                        .build();
                yield new DirectStdioTransport(config.name(), parameters, mapper,
                        line -> log.debug("[{}] {}", config.name(), line));
            }
            case STREAMABLE_HTTP -> new DirectHttpTransport(config.name(), endpoint(config.url(), "/mcp"),
                    config.headers(), connectTimeout, mapper, oauth);
            case SSE -> {
                URI url = config.url();
                String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/sse" : url.getRawPath();
                yield HttpClientSseClientTransport.builder(base(url))
                        .sseEndpoint(path)
                        .requestBuilder(headers(config))
                        .connectTimeout(connectTimeout)
                        .jsonMapper(mapper)
                        .build();
            }
        };
    }

    /** Kills a server process and everything it started, waiting a moment for it to go. */
    static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("process {} did not exit within 5 s of SIGKILL", process.pid());
        }
    }

    /** @return the URL with {@code defaultPath} when it names none */
    private static URI endpoint(URI url, String defaultPath) {
        return url.getRawPath() == null || url.getRawPath().isEmpty() ? url.resolve(defaultPath) : url;
    }

    private static String base(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    private static HttpRequest.Builder headers(McpServerConfig config) {
        HttpRequest.Builder builder = HttpRequest.newBuilder();
        config.headers().forEach(builder::header);
        return builder;
    }
}
