package dev.aios.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of {@link TinyAuthorizationServer}: dynamic registration (RFC 7591), the
 * authorization endpoint (consents at once), and the token endpoint's client authentication,
 * authorization code grant (PKCE S256 checked, codes used once), refresh tokens (rotated) and
 * authenticated client credentials. Counts every grant and keeps every token it issued, so tests
 * can look for them where they must not be.
 */
final class TinyClients {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Client(String id, String secret, List<String> redirectUris) {}

    private record Code(String clientId, String redirectUri, String challenge, String scope, String resource) {}

    private record Refresh(String clientId, String scope, String resource) {}

    private final TinyAuthorizationServer server;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshes = new ConcurrentHashMap<>();
    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger authorizations = new AtomicInteger();
    final AtomicInteger codeGrants = new AtomicInteger();
    final AtomicInteger refreshGrants = new AtomicInteger();
    final AtomicInteger credentialGrants = new AtomicInteger();
    /** Every access and refresh token issued here, and every client secret. */
    final List<String> secrets = new CopyOnWriteArrayList<>();
    volatile Duration accessTokenLife = Duration.ofMinutes(5);
    /** Whether confidential clients must send their secret in the token request's body (client_secret_post), never as Basic. */
    volatile boolean secretInBodyOnly;

    TinyClients(TinyAuthorizationServer server) {
        this.server = server;
    }

    void add(String id, String secret, List<String> redirectUris) {
        clients.put(id, new Client(id, secret, redirectUris));
        if (secret != null) {
            secrets.add(secret);
        }
    }

    /** @return the client id of an HTTP Basic authorization, or null when there is none */
    String authenticated(HttpExchange exchange, Map<String, String> form) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return null;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return URLDecoder.decode(decoded.substring(0, Math.max(0, decoded.indexOf(':'))), StandardCharsets.UTF_8);
    }

    void register(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        List<String> redirects = new ArrayList<>();
        body.path("redirect_uris").forEach(r -> redirects.add(r.asText()));
        if (redirects.isEmpty() && body.path("grant_types").toString().contains("authorization_code")) {
            json(exchange, 400, Map.of("error", "invalid_redirect_uri"));
            return;
        }
        boolean publicClient = "none".equals(body.path("token_endpoint_auth_method").asText());
        String id = "dyn-" + registrations.incrementAndGet();
        String secret = publicClient ? null : UUID.randomUUID().toString();
        add(id, secret, redirects);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("client_id", id);
        if (secret != null) {
            answer.put("client_secret", secret);
        }
        answer.put("redirect_uris", redirects);
        answer.put("token_endpoint_auth_method", publicClient ? "none" : "client_secret_basic");
        json(exchange, 201, answer);
    }

    void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = parse(exchange.getRequestURI().getRawQuery());
        Client client = clients.get(q.getOrDefault("client_id", ""));
        if (client == null || !client.redirectUris().contains(q.get("redirect_uri"))) {
            json(exchange, 400, Map.of("error", "invalid_request", "error_description", "unknown client or redirect"));
            return; // never redirect to a URI that is not registered
        }
        String redirect = q.get("redirect_uri") + "?";
        if (!"code".equals(q.get("response_type")) || !"S256".equals(q.get("code_challenge_method"))
                || q.get("code_challenge") == null) {
            redirect += "error=invalid_request";
        } else {
            authorizations.incrementAndGet();
            String code = UUID.randomUUID().toString();
            codes.put(code, new Code(client.id(), q.get("redirect_uri"), q.get("code_challenge"),
                    q.getOrDefault("scope", ""), q.getOrDefault("resource", "")));
            secrets.add(code);
            redirect += "code=" + code;
        }
        if (q.get("state") != null) {
            redirect += "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Location", redirect);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        String basicId = authenticated(exchange, form);
        Client client;
        if (secretInBodyOnly) {
            client = clients.get(form.getOrDefault("client_id", ""));
            if (basicId != null || client == null
                    || (client.secret() != null && !client.secret().equals(form.get("client_secret")))) {
                json(exchange, 401, Map.of("error", "invalid_client"));
                return;
            }
        } else if (basicId != null) {
            String decoded = new String(Base64.getDecoder().decode(exchange.getRequestHeaders().getFirst("Authorization")
                    .substring(6)), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(decoded.indexOf(':') + 1), StandardCharsets.UTF_8);
            client = clients.get(basicId);
            if (client == null || client.secret() == null || !client.secret().equals(secret)) {
                json(exchange, 401, Map.of("error", "invalid_client"));
                return;
            }
        } else {
            client = clients.get(form.getOrDefault("client_id", ""));
            if (client == null || client.secret() != null) {
                json(exchange, 401, Map.of("error", "invalid_client"));
                return;
            }
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "client_credentials" -> {
                if (form.get("resource") == null) {
                    json(exchange, 400, Map.of("error", "invalid_target"));
                    return;
                }
                credentialGrants.incrementAndGet();
                json(exchange, 200, tokens(client, form.getOrDefault("scope", ""), form.get("resource"), false));
            }
            case "authorization_code" -> {
                Code code = codes.remove(form.getOrDefault("code", ""));
                if (code == null || !code.clientId().equals(client.id())
                        || !code.redirectUri().equals(form.get("redirect_uri"))
                        || !code.challenge().equals(s256(form.getOrDefault("code_verifier", "")))
                        || !code.resource().equals(form.getOrDefault("resource", code.resource()))) {
                    json(exchange, 400, Map.of("error", "invalid_grant"));
                    return;
                }
                codeGrants.incrementAndGet();
                json(exchange, 200, tokens(client, code.scope(), code.resource(), true));
            }
            case "refresh_token" -> {
                Refresh refresh = refreshes.remove(form.getOrDefault("refresh_token", ""));
                if (refresh == null || !refresh.clientId().equals(client.id())) {
                    json(exchange, 400, Map.of("error", "invalid_grant"));
                    return;
                }
                refreshGrants.incrementAndGet();
                json(exchange, 200, tokens(client, refresh.scope(), refresh.resource(), true));
            }
            default -> json(exchange, 400, Map.of("error", "unsupported_grant_type"));
        }
    }

    private Map<String, Object> tokens(Client client, String scope, String resource, boolean withRefresh) {
        String access = server.issue(resource, scope, server.issuer.toString(), accessTokenLife);
        secrets.add(access);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", access);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", accessTokenLife.toSeconds());
        answer.put("scope", scope);
        if (withRefresh) {
            String refresh = UUID.randomUUID().toString();
            refreshes.put(refresh, new Refresh(client.id(), scope, resource));
            secrets.add(refresh);
            answer.put("refresh_token", refresh);
        }
        return answer;
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> out = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
