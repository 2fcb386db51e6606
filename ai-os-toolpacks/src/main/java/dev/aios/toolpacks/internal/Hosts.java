package dev.aios.toolpacks.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The hosts a pack may reach, and nothing else (default deny). A pattern is a host name
 * ({@code example.com}: that host only) or a wildcard ({@code *.example.com}: its subdomains,
 * not itself), compared without case; {@code *} alone allows every host, for a host application
 * that confines the network elsewhere. Only {@code http} and {@code https} URLs pass, and never
 * one with user information ({@code https://user:pass@host}), which would put a secret in logs.
 */
public final class Hosts {
    private final List<String> patterns;
    private final String tools;

    private Hosts(List<String> patterns, String tools) {
        this.patterns = patterns.stream().map(p -> p.toLowerCase(Locale.ROOT).strip()).toList();
        this.tools = tools;
    }

    /**
     * @param tools names the pack in errors ("web tools")
     * @param patterns the allowed hosts
     */
    public static Hosts of(String tools, List<String> patterns) {
        for (String p : patterns) {
            Objects.requireNonNull(p, "host pattern");
            if (p.isBlank() || p.contains("/") || p.contains(":") || (p.contains("*") && !p.equals("*")
                    && !(p.startsWith("*.") && p.indexOf('*', 1) < 0))) {
                throw new IllegalArgumentException("'" + p + "' is not a host pattern: give a host name such as"
                        + " example.com, a wildcard such as *.example.com, or * for any host");
            }
        }
        return new Hosts(List.copyOf(patterns), tools);
    }

    /** @return the patterns, as given */
    public List<String> patterns() {
        return patterns;
    }

    /**
     * @param url a URL a tool was given, or that a server redirected to
     * @return the URL, parsed
     * @throws IllegalArgumentException if it is not an http(s) URL or its host is not allowed
     */
    public URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL");
        }
        return check(uri);
    }

    /** @see #check(String) */
    public URI check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("only http and https URLs are allowed, not '" + scheme + ":'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a URL with a user name or password in it is refused; configure"
                    + " credentials on the pack instead");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("the URL has no host");
        }
        if (!allows(host)) {
            throw new IllegalArgumentException("host " + host + " is not among the hosts the " + tools + " may reach"
                    + (patterns.isEmpty() ? " (none is configured)" : " " + patterns));
        }
        return uri;
    }

    /** @return whether {@code host} matches a pattern */
    public boolean allows(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String p : patterns) {
            if (p.equals("*") || p.equals(h) || (p.startsWith("*.") && h.endsWith(p.substring(1)))) {
                return true;
            }
        }
        return false;
    }
}
