package dev.aios.tools.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The names of this machine, for the checks that treat it apart: a server bound to loopback
 * answers only requests naming it (DNS rebinding), and OAuth allows plain HTTP only to it.
 */
public final class LocalHosts {
    /** The names a browser uses for this machine; a page served from any other name is a stranger's. */
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private LocalHosts() {}

    /** @return whether {@code name} (a host, without port) is one of this machine's loopback names */
    static boolean isLocalName(String name) {
        return LOCAL_NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /** @return whether {@code host}, as given to bind a server, is a loopback address */
    public static boolean isLoopbackBind(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (isLocalName(bare)) {
            return true;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** @return whether a {@code Host} header value (a name with an optional port) names this machine */
    static boolean namesThisMachine(@Nullable String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end > 0 && isLocalName(name.substring(0, end + 1))
                    && (end == name.length() - 1 || name.charAt(end + 1) == ':');
        }
        int colon = name.indexOf(':');
        return isLocalName(colon < 0 ? name : name.substring(0, colon));
    }

    /** @return whether an {@code Origin} header value is absent or a page of this machine */
    static boolean isLocalOrigin(@Nullable String origin) {
        if (origin == null) {
            return true; // not a browser's cross-origin request
        }
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null
                    && namesThisMachine(uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
