package dev.aios.tools.internal;

import dev.aios.tools.McpHttpAuth;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands in front of the SDK's Streamable HTTP servlet: on a server bound to a loopback
 * address, DNS rebinding protection (a request whose {@code Host} or {@code Origin} names another
 * machine gets {@code 403}); authentication (a request without the right bearer token gets
 * {@code 401} with {@code WWW-Authenticate: Bearer}, and nothing of the token it sent is logged
 * or echoed); then the {@link CallRelay} for posted messages.
 */
public final class HttpGate implements Filter {
    private static final Logger log = LoggerFactory.getLogger(HttpGate.class);
    /** The largest message body read; the SDK's own limit is larger than any sane JSON-RPC message. */
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final McpHttpAuth auth;
    private final CallRelay relay;
    private final boolean loopbackOnly;
    private volatile @Nullable OAuthResourceServer oauth;

    /**
     * @param auth who may call
     * @param relay where posted messages pass first
     * @param loopbackOnly whether the server is bound to a loopback address, so that only requests
     *     naming this machine in {@code Host} and {@code Origin} are answered
     */
    public HttpGate(McpHttpAuth auth, CallRelay relay, boolean loopbackOnly) {
        this.auth = auth;
        this.relay = relay;
        this.loopbackOnly = loopbackOnly;
    }

    /** Starts checking OAuth tokens; until then, with {@link McpHttpAuth.OAuth}, every request gets 503. */
    public void oauth(OAuthResourceServer server) {
        this.oauth = server;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        // The SDK's servlet sets "Connection: keep-alive" on every event-stream answer; when Tomcat then
        // ends the connection (its 100th request, say) it adds "Connection: close" beside it, and a
        // JDK client that reads the first value keeps the connection and fails its next request on it
        // ("HTTP/1.1 header parser received no bytes"). HTTP/1.1 keeps connections anyway: the
        // container alone says when one ends.
        HttpServletResponse response = new ContainerConnection((HttpServletResponse) res);
        if (loopbackOnly && !(LocalHosts.namesThisMachine(request.getHeader("Host"))
                && LocalHosts.isLocalOrigin(request.getHeader("Origin")))) {
            log.info("refused an MCP request from {} naming another machine (Host or Origin): a web page's "
                    + "DNS rebinding, or a proxy", request.getRemoteAddr());
            response.setContentType("application/json");
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.getWriter().write("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
                    + "\"message\":\"this MCP server answers only requests for localhost\"}}");
            return;
        }
        if (auth instanceof McpHttpAuth.OAuth && !allowedByOAuth(request, response)) {
            return;
        }
        if (auth instanceof McpHttpAuth.BearerToken bearer && !bearer.accepts(presented(request))) {
            boolean sent = request.getHeader("Authorization") != null;
            log.info("refused an MCP request from {}: {}", request.getRemoteAddr(),
                    sent ? "wrong bearer token" : "no bearer token");
            response.setHeader("WWW-Authenticate", sent
                    ? "Bearer realm=\"mcp\", error=\"invalid_token\", error_description=\"the token is not valid\""
                    : "Bearer realm=\"mcp\"");
            response.setContentType("application/json");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.getWriter().write(sent ? "{\"error\":\"invalid_token\"}" : "{\"error\":\"unauthorized\"}");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readBody(request.getInputStream());
        if (body == null) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "message larger than " + MAX_BODY + " bytes");
            return;
        }
        String session = request.getHeader("Mcp-Session-Id");
        String passed = relay.process(new String(body, StandardCharsets.UTF_8), session == null ? "" : session);
        if (passed == null) {
            response.setStatus(HttpServletResponse.SC_ACCEPTED); // a notification, consumed by the relay
            return;
        }
        chain.doFilter(new Body(request, passed.getBytes(StandardCharsets.UTF_8)), response);
    }

    /** @return whether the request may go on; if not, the response is written */
    private boolean allowedByOAuth(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OAuthResourceServer server = oauth;
        if (server == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "starting");
            return false;
        }
        String path = request.getRequestURI();
        if (path.equals(OAuthResourceServer.METADATA_PATH) || path.startsWith(OAuthResourceServer.METADATA_PATH + "/")) {
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "max-age=3600");
            response.getWriter().write(JsonCodec.write(server.metadataDocument()));
            return false;
        }
        String metadata = OAuthResourceServer.metadataUrl(java.net.URI.create(request.getRequestURL().toString())).toString();
        String token = presented(request);
        if (token == null) {
            log.info("refused an MCP request from {}: no bearer token", request.getRemoteAddr());
            challenge(response, HttpServletResponse.SC_UNAUTHORIZED, "Bearer resource_metadata=\"" + metadata + "\"",
                    "{\"error\":\"unauthorized\"}");
            return false;
        }
        return switch (server.check(token)) {
            case OAuthResourceServer.Verdict.Accepted accepted -> true;
            case OAuthResourceServer.Verdict.Invalid invalid -> {
                log.info("refused an MCP request from {}: invalid access token: {}", request.getRemoteAddr(), invalid.reason());
                challenge(response, HttpServletResponse.SC_UNAUTHORIZED, "Bearer resource_metadata=\"" + metadata
                        + "\", error=\"invalid_token\", error_description=\"the access token is not valid for this server\"",
                        "{\"error\":\"invalid_token\"}");
                yield false;
            }
            case OAuthResourceServer.Verdict.InsufficientScope scope -> {
                log.info("refused an MCP request from {}: the access token lacks scopes {}", request.getRemoteAddr(),
                        scope.required());
                challenge(response, HttpServletResponse.SC_FORBIDDEN, "Bearer resource_metadata=\"" + metadata
                        + "\", error=\"insufficient_scope\", scope=\"" + String.join(" ", scope.required()) + "\"",
                        "{\"error\":\"insufficient_scope\"}");
                yield false;
            }
        };
    }

    private static void challenge(HttpServletResponse response, int status, String header, String body) throws IOException {
        response.setHeader("WWW-Authenticate", header);
        response.setContentType("application/json");
        response.setStatus(status);
        response.getWriter().write(body);
    }

    private static @Nullable String presented(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    private static byte @Nullable [] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > MAX_BODY) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** A request whose body is {@code body}, in UTF-8. */
    private static final class Body extends HttpServletRequestWrapper {
        private final byte[] body;

        Body(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }
    }

    /** A response on which only the container sets the {@code Connection} header. */
    private static final class ContainerConnection extends HttpServletResponseWrapper {
        ContainerConnection(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!"Connection".equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!"Connection".equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }
}
