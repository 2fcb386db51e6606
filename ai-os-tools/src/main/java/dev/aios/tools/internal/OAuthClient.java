package dev.aios.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.AiOsException;
import dev.aios.tools.McpOAuth;
import dev.aios.tools.McpTokens;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientTransportAuthorizationErrorHandler;
import io.modelcontextprotocol.common.McpTransportContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The OAuth 2.1 client of one Streamable HTTP MCP server ({@link McpOAuth}): puts the bearer
 * token on each request (refreshing one about to expire), and on a {@code 401} or
 * {@code 403 insufficient_scope} discovers the authorization server, registers, gets or refreshes
 * a token, and has the SDK send the request again. Hand-written on the JDK HTTP client: it is a
 * handful of JSON and form requests, and the Nimbus OAuth SDK is not among our dependencies (the
 * module has only Nimbus JOSE+JWT, which a client does not need: access tokens are opaque to it).
 * No token, secret, code or verifier is ever logged or put in an error.
 */
public final class OAuthClient implements McpHttpClientTransportAuthorizationErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(OAuthClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Refreshed this long before the authorization server said it expires. */
    private static final long EXPIRY_MARGIN_SECONDS = 30;
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String server;
    private final URI serverUrl;
    private final McpOAuth config;
    private final Set<String> scopes;
    private volatile @Nullable McpTokens tokens;
    private @Nullable String resource;
    private @Nullable JsonNode authServer;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    /** How the authorization server registered this client to authenticate at its token endpoint, if it said. */
    private @Nullable String registeredAuthMethod;

    /**
     * @param server the server's name
     * @param serverUrl its MCP endpoint
     */
    public OAuthClient(String server, URI serverUrl, McpOAuth config) {
        this.server = server;
        this.serverUrl = serverUrl;
        this.config = config;
        this.scopes = new LinkedHashSet<>(config.scopes());
        this.clientId = config.clientId();
        this.clientSecret = config.clientSecret();
        if (config.tokenStore() != null) {
            this.tokens = config.tokenStore().load(server).orElse(null);
        }
    }

    /** For the SDK's request customizer: the bearer token, refreshed first when it is about to expire. */
    public Publisher<HttpRequest.Builder> authorize(HttpRequest.Builder builder) {
        McpTokens current = tokens;
        if (current == null) {
            return Mono.just(builder);
        }
        if (current.refreshToken() == null || !current.expiresWithin(Instant.now(), EXPIRY_MARGIN_SECONDS)) {
            return Mono.just(builder.setHeader("Authorization", "Bearer " + current.accessToken()));
        }
        return Mono.fromCallable(() -> {
            McpTokens fresh = refreshIfStill(current);
            return builder.setHeader("Authorization", "Bearer " + fresh.accessToken());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** A 401 or 403 from the server: get a token that should pass, then have the SDK send again. */
    @Override
    public Publisher<Boolean> handle(HttpRequestSnapshot request, HttpResponse.ResponseInfo response,
            McpTransportContext context) {
        return Mono.fromCallable(() -> recover(request, response)).subscribeOn(Schedulers.boundedElastic());
    }

    /** Two: a first token, then a step-up to more scopes. */
    @Override
    public int maxRetries() {
        return 3;
    }

    /** @return the tokens held now (for tests in this package and the token store) */
    @Nullable McpTokens tokens() {
        return tokens;
    }

    private synchronized boolean recover(HttpRequestSnapshot request, HttpResponse.ResponseInfo response) {
        Map<String, String> challenge = bearerChallenge(response.headers().allValues("WWW-Authenticate"));
        McpTokens current = tokens;
        String sent = request.headers().firstValue("Authorization").orElse("");
        if (current != null && !sent.equals("Bearer " + current.accessToken())) {
            return true; // another request got a new token meanwhile: send again with that one
        }
        if (response.statusCode() == 403) {
            if (!"insufficient_scope".equals(challenge.get("error")) || challenge.get("scope") == null) {
                return false;
            }
            Set<String> wanted = new LinkedHashSet<>(scopes);
            wanted.addAll(List.of(challenge.get("scope").trim().split("\\s+")));
            if (current != null && current.scopes().containsAll(wanted)) {
                return false; // it has them all and is still refused: more tokens will not help
            }
            log.info("MCP server '{}' wants scopes {}; asking for a token with them", server, wanted);
            scopes.clear();
            scopes.addAll(wanted);
            discover(challenge);
            tokens = save(grant());
            return true;
        }
        if (response.statusCode() != 401) {
            return false;
        }
        discover(challenge);
        if (current != null && current.refreshToken() != null) {
            try {
                tokens = save(refresh(current));
                return true;
            } catch (AiOsException e) {
                log.info("refreshing the token of MCP server '{}' failed ({}); getting a new one", server, e.getMessage());
            }
        }
        if (current != null && config.tokenStore() != null) {
            config.tokenStore().remove(server);
        }
        tokens = null;
        if (scopes.isEmpty() && challenge.get("scope") != null) {
            scopes.addAll(List.of(challenge.get("scope").trim().split("\\s+")));
        }
        tokens = save(grant());
        return true;
    }

    private synchronized McpTokens refreshIfStill(McpTokens seen) {
        McpTokens current = tokens;
        if (current != seen || current == null || current.refreshToken() == null) {
            return current == null ? seen : current;
        }
        if (authServer == null) {
            discover(Map.of());
        }
        tokens = save(refresh(current));
        return tokens;
    }

    // ---- discovery (RFC 9728, RFC 8414, OpenID discovery)

    private void discover(Map<String, String> challenge) {
        if (authServer != null) {
            return;
        }
        List<URI> candidates = new ArrayList<>();
        if (challenge.get("resource_metadata") != null) {
            candidates.add(URI.create(challenge.get("resource_metadata")));
        }
        String origin = serverUrl.getScheme() + "://" + serverUrl.getRawAuthority();
        String path = serverUrl.getRawPath() == null ? "" : serverUrl.getRawPath();
        if (!path.isEmpty() && !path.equals("/")) {
            candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource" + path));
        }
        candidates.add(URI.create(origin + "/.well-known/oauth-protected-resource"));
        List<String> tried = new ArrayList<>();
        JsonNode metadata = firstJsonOrNull(candidates, "protected resource metadata", tried);
        if (metadata == null) {
            discoverWithoutResourceMetadata(origin, tried);
            return;
        }
        String named = metadata.path("resource").asText("");
        if (!named.isEmpty() && !covers(URI.create(named), serverUrl)) {
            throw fail("its protected resource metadata names the resource " + named + ", not " + serverUrl);
        }
        resource = named.isEmpty() ? serverUrl.toString() : named;
        JsonNode servers = metadata.path("authorization_servers");
        if (!servers.isArray() || servers.isEmpty()) {
            throw fail("its protected resource metadata names no authorization server");
        }
        URI issuer = URI.create(servers.get(0).asText());
        requireSecure(issuer, "authorization server");
        String issuerOrigin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        String issuerPath = issuer.getRawPath() == null || issuer.getRawPath().equals("/") ? "" : issuer.getRawPath();
        List<URI> asCandidates = new ArrayList<>();
        asCandidates.add(URI.create(issuerOrigin + "/.well-known/oauth-authorization-server" + issuerPath));
        asCandidates.add(URI.create(issuerOrigin + "/.well-known/openid-configuration" + issuerPath));
        if (!issuerPath.isEmpty()) {
            asCandidates.add(URI.create(issuerOrigin + issuerPath + "/.well-known/openid-configuration"));
        }
        JsonNode as = firstJson(asCandidates, "authorization server metadata");
        if (!strip(as.path("issuer").asText("")).equals(strip(issuer.toString()))) {
            throw fail("the authorization server metadata at " + issuer + " names the issuer '"
                    + as.path("issuer").asText("") + "'");
        }
        if (scopes.isEmpty() && challenge.get("scope") == null) {
            metadata.path("scopes_supported").forEach(s -> scopes.add(s.asText()));
        }
        use(as, issuer.toString());
    }

    /**
     * A server of MCP 2025-03-26, which publishes no protected resource metadata: its origin is
     * the authorization server, described at {@code /.well-known/oauth-authorization-server} there
     * or, without that, by the default endpoints {@code /authorize}, {@code /token} and
     * {@code /register}, as that version of the spec says.
     */
    private void discoverWithoutResourceMetadata(String origin, List<String> tried) {
        requireSecure(URI.create(origin), "authorization server");
        JsonNode as = firstJsonOrNull(List.of(URI.create(origin + "/.well-known/oauth-authorization-server")),
                "authorization server metadata", tried);
        if (as == null) {
            com.fasterxml.jackson.databind.node.ObjectNode defaults = JsonCodec.MAPPER.createObjectNode();
            defaults.put("issuer", origin);
            defaults.put("authorization_endpoint", origin + "/authorize");
            defaults.put("token_endpoint", origin + "/token");
            defaults.put("registration_endpoint", origin + "/register");
            defaults.putArray("code_challenge_methods_supported").add("S256"); // 2025-03-26 requires PKCE
            as = defaults;
            log.info("MCP server '{}' publishes no OAuth metadata (tried {}); using the default endpoints of MCP "
                    + "2025-03-26 at {}", server, tried, origin);
        }
        resource = serverUrl.toString();
        use(as, origin);
    }

    /** Checks the authorization server's metadata and adopts it. */
    private void use(JsonNode as, String issuer) {
        if (as.path("token_endpoint").asText("").isEmpty()) {
            throw fail("the authorization server " + issuer + " has no token_endpoint");
        }
        requireSecure(URI.create(as.path("token_endpoint").asText()), "token endpoint");
        if (config.grant() == McpOAuth.Grant.AUTHORIZATION_CODE) {
            boolean s256 = false;
            for (JsonNode m : as.path("code_challenge_methods_supported")) {
                s256 |= "S256".equals(m.asText());
            }
            if (!s256) {
                throw fail("the authorization server " + issuer + " does not list PKCE S256 in "
                        + "code_challenge_methods_supported, which MCP requires");
            }
        }
        authServer = as;
        log.info("MCP server '{}' is protected by the OAuth authorization server {}", server, issuer);
    }

    private JsonNode firstJson(List<URI> candidates, String what) {
        List<String> tried = new ArrayList<>();
        JsonNode found = firstJsonOrNull(candidates, what, tried);
        if (found == null) {
            throw fail("no " + what + " found; tried " + tried);
        }
        return found;
    }

    /** @return the first candidate that answers 200 with JSON, or null (each miss added to {@code tried}) */
    private @Nullable JsonNode firstJsonOrNull(List<URI> candidates, String what, List<String> tried) {
        for (URI uri : candidates) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                        .header("Accept", "application/json").header("MCP-Protocol-Version", "2025-11-25").GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JsonCodec.MAPPER.readTree(response.body());
                }
                tried.add(uri + " (HTTP " + response.statusCode() + ")");
            } catch (IOException e) {
                tried.add(uri + " (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw fail("interrupted while reading its " + what);
            }
        }
        return null;
    }

    // ---- grants

    private McpTokens grant() {
        return switch (config.grant()) {
            case CLIENT_CREDENTIALS -> token(form("grant_type", "client_credentials", "scope", scopeText(),
                    "resource", resource), "client credentials");
            case AUTHORIZATION_CODE -> authorizationCode();
        };
    }

    private McpTokens authorizationCode() {
        JsonNode as = authServer;
        String endpoint = as.path("authorization_endpoint").asText("");
        if (endpoint.isEmpty()) {
            throw fail("the authorization server has no authorization_endpoint");
        }
        requireSecure(URI.create(endpoint), "authorization endpoint");
        registerIfNeeded();
        String verifier = random(32);
        String state = random(16);
        String query = encode(form("response_type", "code", "client_id", clientId, "redirect_uri",
                config.redirectUri().toString(), "scope", scopeText(), "state", state, "code_challenge",
                challengeOf(verifier), "code_challenge_method", "S256", "resource", resource));
        URI authorizationUrl = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query);
        URI redirect;
        try {
            redirect = config.browser().signIn(authorizationUrl);
        } catch (Exception e) {
            throw fail("signing in did not complete: " + e.getMessage());
        }
        Map<String, String> answer = decode(redirect == null ? null : redirect.getRawQuery());
        if (answer.get("error") != null) {
            throw fail("the authorization server refused: " + answer.get("error")
                    + (answer.get("error_description") == null ? "" : " (" + answer.get("error_description") + ")"));
        }
        if (!state.equals(answer.get("state"))) {
            throw fail("the sign-in came back with another state than was sent; the answer was not used");
        }
        if (answer.get("code") == null) {
            throw fail("the sign-in came back without a code");
        }
        return token(form("grant_type", "authorization_code", "code", answer.get("code"), "redirect_uri",
                config.redirectUri().toString(), "code_verifier", verifier, "resource", resource), "authorization code");
    }

    private McpTokens refresh(McpTokens current) {
        if (clientId == null) {
            clientId = current.clientId();
            clientSecret = current.clientSecret();
        }
        McpTokens fresh = token(form("grant_type", "refresh_token", "refresh_token", current.refreshToken(),
                "resource", resource), "refresh");
        return fresh.refreshToken() != null ? fresh : new McpTokens(fresh.accessToken(), current.refreshToken(),
                fresh.expiresAt(), fresh.scopes(), fresh.clientId(), fresh.clientSecret());
    }

    /** RFC 7591: a public client (no secret) for the authorization code grant. */
    private void registerIfNeeded() {
        if (clientId != null) {
            return;
        }
        String endpoint = authServer.path("registration_endpoint").asText("");
        if (endpoint.isEmpty()) {
            throw fail("no client id is configured and the authorization server offers no dynamic client "
                    + "registration; register a client there and give its id (McpOAuth.withClient)");
        }
        requireSecure(URI.create(endpoint), "registration endpoint");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", config.clientName());
        body.put("redirect_uris", List.of(config.redirectUri().toString()));
        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        body.put("response_types", List.of("code"));
        body.put("token_endpoint_auth_method", "none");
        if (!scopes.isEmpty()) {
            body.put("scope", scopeText());
        }
        JsonNode registered = send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonCodec.write(body))).build(), "dynamic client registration");
        clientId = registered.path("client_id").asText(null);
        clientSecret = registered.path("client_secret").asText(null);
        registeredAuthMethod = registered.path("token_endpoint_auth_method").asText(null);
        if (clientId == null) {
            throw fail("dynamic client registration returned no client_id");
        }
        log.info("registered as OAuth client {} for MCP server '{}'", clientId, server);
    }

    private McpTokens token(Map<String, String> form, String grant) {
        String endpoint = authServer.path("token_endpoint").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (clientSecret != null && secretInBody()) {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        } else if (clientSecret != null) {
            String basic = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    basic.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
        }
        JsonNode answer = send(request.POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                "the " + grant + " grant");
        String access = answer.path("access_token").asText("");
        if (access.isEmpty() || !"bearer".equalsIgnoreCase(answer.path("token_type").asText(""))) {
            throw fail("the token endpoint answered the " + grant + " grant without a bearer access_token");
        }
        Instant expires = answer.has("expires_in") ? Instant.now().plusSeconds(answer.path("expires_in").asLong())
                : null;
        Set<String> granted = answer.hasNonNull("scope")
                ? new LinkedHashSet<>(List.of(answer.path("scope").asText().trim().split("\\s+"))) : Set.copyOf(scopes);
        granted.remove("");
        log.info("got an OAuth access token for MCP server '{}' ({} grant, scopes {}, expires {})", server, grant,
                granted, expires);
        return new McpTokens(access, answer.path("refresh_token").asText(null), expires, granted, clientId,
                clientSecret);
    }

    /**
     * @return whether the client secret goes in the token request's body ({@code client_secret_post})
     *     rather than a Basic header ({@code client_secret_basic}, RFC 8414's default): when the
     *     client was registered for it, or the server lists it and not Basic
     */
    private boolean secretInBody() {
        if (registeredAuthMethod != null) {
            return registeredAuthMethod.equals("client_secret_post");
        }
        boolean basic = false;
        boolean post = false;
        for (JsonNode method : authServer.path("token_endpoint_auth_methods_supported")) {
            basic |= "client_secret_basic".equals(method.asText());
            post |= "client_secret_post".equals(method.asText());
        }
        return post && !basic;
    }

    private JsonNode send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw fail(what + " at " + request.uri() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(what + " was interrupted");
        }
        JsonNode body;
        try {
            body = JsonCodec.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw fail(what + " at " + request.uri() + " answered HTTP " + response.statusCode() + " with no JSON");
        }
        if (response.statusCode() / 100 != 2) {
            // error and error_description are the authorization server's words, made to be shown; nothing else is.
            throw fail(what + " was refused by " + request.uri() + ": HTTP " + response.statusCode() + " "
                    + body.path("error").asText("") + (body.hasNonNull("error_description")
                            ? " (" + body.path("error_description").asText() + ")" : ""));
        }
        return body;
    }

    private McpTokens save(McpTokens fresh) {
        if (config.tokenStore() != null) {
            try {
                config.tokenStore().save(server, fresh);
            } catch (RuntimeException e) {
                log.warn("the token store could not save the tokens of MCP server '{}': {}", server, e.getClass()
                        .getSimpleName());
            }
        }
        return fresh;
    }

    // ---- small parts

    /** @return the parameters of the {@code Bearer} challenge among {@code headers} */
    static Map<String, String> bearerChallenge(List<String> headers) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String header : headers) {
            if (!header.regionMatches(true, 0, "Bearer", 0, 6)) {
                continue;
            }
            Matcher m = PARAM.matcher(header.substring(6));
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
                params.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return params;
    }

    /** @return whether the resource {@code named} covers {@code url}: same origin, and its path a prefix */
    static boolean covers(URI named, URI url) {
        String a = strip(named.getScheme() + "://" + named.getRawAuthority() + (named.getRawPath() == null ? ""
                : named.getRawPath())).toLowerCase(Locale.ROOT);
        String b = strip(url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? ""
                : url.getRawPath())).toLowerCase(Locale.ROOT);
        return b.equals(a) || b.startsWith(a + "/");
    }

    /** OAuth 2.1: every authorization server endpoint over HTTPS, except on this machine. */
    private void requireSecure(URI uri, String what) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !LocalHosts.isLocalName(host)) {
            throw fail("its " + what + " " + uri + " is not HTTPS");
        }
    }

    static String challengeOf(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private String scopeText() {
        return scopes.isEmpty() ? null : String.join(" ", scopes);
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.put(pairs[i], pairs[i + 1]);
            }
        }
        return out;
    }

    private static String encode(Map<String, String> form) {
        List<String> parts = new ArrayList<>();
        form.forEach((k, v) -> parts.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private static Map<String, String> decode(@Nullable String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            out.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private AiOsException fail(String why) {
        return AiOsException.permanent("OAuth for MCP server '" + server + "' failed: " + why);
    }

    @Override
    public String toString() {
        return "OAuthClient[" + server + ", " + config + ", holds a token: " + (tokens != null) + "]";
    }
}
