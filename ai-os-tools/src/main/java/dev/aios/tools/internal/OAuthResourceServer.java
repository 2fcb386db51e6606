package dev.aios.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.aios.api.AiOsException;
import dev.aios.tools.McpHttpAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth 2.1 resource-server role of the MCP authorization spec: finds the authorization
 * server's JWKS through its metadata (RFC 8414, else OpenID Connect discovery), checks each access
 * token (signature, issuer, audience = this server's resource URI, expiry, required scopes), and
 * describes this server in its protected resource metadata (RFC 9728).
 */
public final class OAuthResourceServer {
    /** Where the protected resource metadata is served. */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final McpHttpAuth.OAuth config;
    private final URI resource;
    private final DefaultJWTProcessor<SecurityContext> processor;

    /** What a token check found. */
    public sealed interface Verdict {
        /** A good token. */
        record Accepted(String subject) implements Verdict {}

        /** A token that is not valid (bad signature, wrong audience or issuer, expired, not a JWT). */
        record Invalid(String reason) implements Verdict {}

        /** A valid token without the scopes this server requires. */
        record InsufficientScope(List<String> required) implements Verdict {}
    }

    private OAuthResourceServer(McpHttpAuth.OAuth config, URI resource, DefaultJWTProcessor<SecurityContext> processor) {
        this.config = config;
        this.resource = resource;
        this.processor = processor;
    }

    /**
     * Reads the authorization server's metadata now, so a server that cannot check tokens fails to start.
     *
     * @param served the URL this server serves at, the resource URI unless the config names one
     * @throws AiOsException if the metadata cannot be read or names another issuer or no JWKS
     */
    public static OAuthResourceServer start(McpHttpAuth.OAuth config, URI served) {
        URI resource = config.resource() != null ? config.resource() : served;
        JsonNode metadata = metadata(config.issuer());
        if (!config.issuer().toString().equals(metadata.path("issuer").asText())) {
            throw AiOsException.permanent("the authorization server at " + config.issuer() + " names its issuer '"
                    + metadata.path("issuer").asText() + "'; configure McpHttpAuth.oauth with exactly that");
        }
        String jwks = metadata.path("jwks_uri").asText("");
        if (jwks.isEmpty()) {
            throw AiOsException.permanent("the authorization server " + config.issuer() + " publishes no jwks_uri,"
                    + " so its tokens cannot be checked");
        }
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(jwks).toURL()).retrying(true).build();
        } catch (java.net.MalformedURLException e) {
            throw AiOsException.permanent("the jwks_uri of " + config.issuer() + " is not a URL: " + jwks, e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
                JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(resource.toString(),
                new JWTClaimsSet.Builder().issuer(config.issuer().toString()).build(), Set.of("exp", "iss", "aud")));
        return new OAuthResourceServer(config, resource, processor);
    }

    private static JsonNode metadata(URI issuer) {
        String path = issuer.getPath() == null || issuer.getPath().equals("/") ? "" : issuer.getPath();
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        List<URI> candidates = List.of(URI.create(origin + "/.well-known/oauth-authorization-server" + path),
                URI.create(origin + "/.well-known/openid-configuration" + path),
                URI.create(issuer.toString().replaceAll("/$", "") + "/.well-known/openid-configuration"));
        StringBuilder tried = new StringBuilder();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            for (URI candidate : candidates) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(candidate)
                            .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return JsonCodec.MAPPER.readTree(response.body());
                    }
                    tried.append(candidate).append(" (HTTP ").append(response.statusCode()).append("); ");
                } catch (java.io.IOException e) {
                    tried.append(candidate).append(" (").append(e.getMessage()).append("); ");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("interrupted while reading the metadata of " + issuer, e);
        }
        throw AiOsException.retriable("cannot read the authorization server metadata of " + issuer + "; tried " + tried);
    }

    /** @return what {@code token} is worth; never throws, and no verdict holds the token */
    public Verdict check(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (Exception e) {
            return new Verdict.Invalid(withoutToken(e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage(), token));
        }
        if (!config.requiredScopes().isEmpty()) {
            Object scope = claims.getClaim("scope");
            Set<String> granted = scope instanceof String s ? Set.copyOf(Arrays.asList(s.trim().split("\\s+"))) : Set.of();
            if (!granted.containsAll(config.requiredScopes())) {
                return new Verdict.InsufficientScope(config.requiredScopes());
            }
        }
        return new Verdict.Accepted(String.valueOf(claims.getSubject()));
    }

    /** A parser's message may quote what it could not parse; no part of a token leaves here. */
    private static String withoutToken(String message, String token) {
        String clean = message.replace(token, "<token>");
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                clean = clean.replace(part, "<token part>");
            }
        }
        return clean;
    }

    /** @return this server's protected resource metadata (RFC 9728) */
    public Map<String, Object> metadataDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", resource.toString());
        document.put("authorization_servers", List.of(config.issuer().toString()));
        document.put("bearer_methods_supported", List.of("header"));
        if (!config.requiredScopes().isEmpty()) {
            document.put("scopes_supported", config.requiredScopes());
        }
        return document;
    }

    /** @return the URL of the metadata document on a server at {@code served} */
    public static URI metadataUrl(URI served) {
        return URI.create(served.getScheme() + "://" + served.getRawAuthority() + METADATA_PATH);
    }

    /** @return the scopes a token must carry, for a challenge; empty if none */
    public @Nullable String requiredScope() {
        return config.requiredScopes().isEmpty() ? null : String.join(" ", config.requiredScopes());
    }
}
