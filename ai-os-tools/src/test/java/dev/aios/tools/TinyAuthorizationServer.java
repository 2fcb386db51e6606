package dev.aios.tools;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A small but real OAuth 2.1 authorization server for tests: serves its metadata (RFC 8414) and
 * its JWKS over HTTP, and issues RS256-signed JWT access tokens (RFC 9068) at its token endpoint
 * (client credentials, with the RFC 8707 {@code resource} parameter as audience) or directly.
 * For the MCP client's tests it also does dynamic client registration (RFC 7591), the
 * authorization endpoint (a person who always consents: it redirects at once with a code), the
 * authorization code grant with its PKCE S256 check, and refresh tokens; client secrets are
 * checked (HTTP Basic, or in the request body once {@link TinyClients#secretInBodyOnly} is set) for
 * every client registered here ({@link #registerClient}).
 */
final class TinyAuthorizationServer implements AutoCloseable {
    private final HttpServer http;
    private final RSAKey key;
    /** The registered clients, codes and refresh tokens; every grant is counted. */
    final TinyClients clients = new TinyClients(this);
    final URI issuer;

    TinyAuthorizationServer() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k-" + UUID.randomUUID()).generate();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        http.createContext("/.well-known/oauth-authorization-server", exchange -> json(exchange, 200, Map.of(
                "issuer", issuer.toString(),
                "jwks_uri", issuer + "/jwks.json",
                "token_endpoint", issuer + "/token",
                "authorization_endpoint", issuer + "/authorize",
                "registration_endpoint", issuer + "/register",
                "code_challenge_methods_supported", java.util.List.of("S256"),
                "grant_types_supported", java.util.List.of("client_credentials", "authorization_code", "refresh_token"),
                "response_types_supported", java.util.List.of("code"),
                "token_endpoint_auth_methods_supported", clients.secretInBodyOnly
                        ? java.util.List.of("client_secret_post", "none")
                        : java.util.List.of("client_secret_basic", "none"))));
        http.createContext("/register", clients::register);
        http.createContext("/authorize", clients::authorize);
        http.createContext("/jwks.json", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        http.createContext("/token", this::token);
        http.start();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(form.get("grant_type")) || clients.authenticated(exchange, form) != null
                || clients.secretInBodyOnly) {
            clients.token(exchange, form);
            return;
        }
        if (form.get("resource") == null) {
            json(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        json(exchange, 200, Map.of("access_token", issue(form.get("resource"), form.getOrDefault("scope", ""),
                issuer.toString(), Duration.ofMinutes(5)), "token_type", "Bearer", "expires_in", 300));
    }

    /** Registers a confidential client beforehand (its secret is checked on every token request). */
    void registerClient(String id, String secret) {
        clients.add(id, secret, java.util.List.of());
    }

    /** @return a signed access token for {@code audience} */
    String issue(String audience, String scope, String tokenIssuer, Duration life) {
        return sign(key, audience, scope, tokenIssuer, life);
    }

    static String sign(RSAKey signingKey, String audience, String scope, String tokenIssuer, Duration life) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(tokenIssuer).audience(audience).subject("client-1")
                    .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plus(life)))
                    .jwtID(UUID.randomUUID().toString()).claim("scope", scope).claim("client_id", "client-1").build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(new JOSEObjectType("at+jwt")).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
