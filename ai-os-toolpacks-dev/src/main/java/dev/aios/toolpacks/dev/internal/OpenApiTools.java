package dev.aios.toolpacks.dev.internal;

import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.BoundedBody;
import dev.aios.toolpacks.internal.Hosts;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an OpenAPI document's operations into tools that call the API through the JDK's HTTP
 * client: the URL's host must be allowed, redirects are not followed, the response is cut at a
 * size, and the pack's own headers (credentials) are sent but never shown: their values, and the
 * secret parts of them (the token of {@code Bearer <token>}, the decoded user and password of
 * {@code Basic}), are replaced by {@code ***} in anything a result or error could carry, even a
 * server's echo. A path parameter cannot be {@code .} or {@code ..}.
 */
public final class OpenApiTools {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiTools.class);

    private final Hosts hosts;
    private static final int MIN_SECRET_PART = 6;
    private static final Set<String> SCHEMES = Set.of("bearer", "basic", "token", "digest", "negotiate");

    private final Map<String, String> headers;
    private final List<String> secrets;
    private final @Nullable String serverOverride;
    private final Duration timeout;
    private final int maxBytes;
    private final HttpClient client;

    private OpenApiTools(Hosts hosts, Map<String, String> headers, @Nullable String serverOverride, Duration timeout,
            int maxBytes) {
        this.hosts = hosts;
        this.headers = Map.copyOf(headers);
        this.secrets = secrets(this.headers.values());
        this.serverOverride = serverOverride;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param name the pack's name and its tools' prefix
     * @param spec the OpenAPI 3 document, JSON or YAML
     * @param headers sent with every call (credentials); never shown
     * @param server the base URL to use instead of the document's, or null
     */
    public static ToolPack pack(String name, String spec, Hosts hosts, Map<String, String> headers,
            @Nullable String server, Duration timeout, int maxBytes) {
        OpenApiTools t = new OpenApiTools(hosts, headers, server, timeout, maxBytes);
        var lowerHeaders = headers.keySet().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Pack.Builder pack = Pack.named(name);
        for (OpenApiImport.Op op : OpenApiImport.read(name, spec, lowerHeaders)) {
            pack.tool(op.tool(), op.description(), op.schema(), op.risk(), Output.OUTSIDE, args -> t.call(op, args));
        }
        return pack.build();
    }

    private ToolResult call(OpenApiImport.Op op, Map<String, Object> args) throws IOException, InterruptedException {
        String base = serverOverride != null ? serverOverride : op.server();
        if (base == null || !(base.startsWith("http://") || base.startsWith("https://"))) {
            throw new IllegalArgumentException("the spec gives no absolute server URL for " + op.method() + " "
                    + op.path() + " (" + base + "); the host sets one with OpenApiPack.Builder.server(url)");
        }
        String path = op.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> sentHeaders = new LinkedHashMap<>();
        for (OpenApiImport.Param p : op.params()) {
            Object value = args.get(p.argument());
            if (value == null) {
                continue;
            }
            switch (p.in()) {
                case "path" -> path = path.replace("{" + p.name() + "}", pathValue(p.name(), joined(value)));
                case "header" -> sentHeaders.put(p.name(), joined(value));
                default -> {
                    for (Object v : value instanceof List<?> list ? list : List.of(value)) {
                        query.append(query.isEmpty() ? '?' : '&').append(encode(p.name())).append('=')
                                .append(encode(String.valueOf(v)));
                    }
                }
            }
        }
        URI uri = hosts.check(trimSlash(base) + path + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json, */*;q=0.5");
        sentHeaders.forEach(request::header);
        headers.forEach(request::setHeader);
        Object body = op.bodyArgument() == null ? null : args.get(op.bodyArgument());
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(op.method(), HttpRequest.BodyPublishers.ofString(Json.text(body)));
        } else {
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        LOG.debug("{} {} {}", op.tool(), op.method(), uri.getHost());
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException(scrub("cannot reach " + uri.getHost() + ": " + e), e);
        }
        byte[] bytes;
        boolean cut;
        bytes = BoundedBody.read(response.body(), maxBytes, timeout, uri.getHost());
        cut = bytes.length > maxBytes;
        String text = new String(bytes, 0, Math.min(bytes.length, maxBytes), StandardCharsets.UTF_8);
        String type = response.headers().firstValue("Content-Type").orElse("no content type");
        String out = "HTTP " + response.statusCode() + " (" + type + ")"
                + response.headers().firstValue("Location").map(l -> ", Location: " + l).orElse("") + "\n" + text
                + (cut ? "\n[cut: showing the first " + maxBytes + " bytes of a longer response]" : "");
        out = scrub(out);
        return response.statusCode() >= 400 ? ToolResult.failure(out) : ToolResult.success(out);
    }

    /** @return {@code text} with every configured header value, and every secret part of one, replaced by {@code ***} */
    private String scrub(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        return out;
    }

    /**
     * @return what a server could echo of the header values, longest first: each whole value, each
     *     whitespace-separated part of at least {@value #MIN_SECRET_PART} characters (the token of
     *     {@code Bearer <token>}), for {@code Basic} the decoded {@code user:password} and its parts,
     *     and the URL-encoded form of each
     */
    static List<String> secrets(Collection<String> values) {
        Set<String> out = new HashSet<>();
        for (String value : values) {
            String v = value.strip();
            if (v.isEmpty()) {
                continue;
            }
            out.add(value);
            out.add(v);
            String[] parts = v.split("\\s+");
            for (String part : parts) {
                if (part.length() >= MIN_SECRET_PART && !SCHEMES.contains(part.toLowerCase(Locale.ROOT))) {
                    out.add(part);
                }
            }
            if (parts.length == 2 && parts[0].equalsIgnoreCase("basic")) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                    out.add(decoded);
                    int colon = decoded.indexOf(':');
                    if (colon >= 0) {
                        for (String part : List.of(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                            if (part.length() >= MIN_SECRET_PART) {
                                out.add(part);
                            }
                        }
                    }
                } catch (IllegalArgumentException e) {
                    // not Base64: its parts are scrubbed as they are
                }
            }
        }
        for (String secret : List.copyOf(out)) {
            out.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            out.add(encode(secret));
        }
        out.removeIf(String::isEmpty);
        return out.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** @return {@code value} for a path parameter, refused when it would be a {@code .} or {@code ..} segment */
    private static String pathValue(String name, String value) {
        String v = value;
        for (int i = 0; i < 4; i++) {
            if (v.equals(".") || v.equals("..")) {
                throw new IllegalArgumentException("path parameter '" + name + "' cannot be '" + value + "': '.' and"
                        + " '..' would move the request to another path");
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                break;
            }
            if (decoded.equals(v)) {
                break;
            }
            v = decoded;
        }
        return encode(value);
    }

    private static String joined(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(value);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
