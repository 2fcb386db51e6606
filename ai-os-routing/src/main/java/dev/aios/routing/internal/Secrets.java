package dev.aios.routing.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Provider keys this process has read, so that any text the router logs or throws (a provider's
 * error message may echo the key) can be scrubbed of them first.
 */
public final class Secrets {
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Secrets() {}

    /** Remembers a secret (ignored when shorter than 8 characters: too likely to match by chance). */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 8) {
            KNOWN.add(secret);
        }
    }

    /** @return {@code text} with every known secret replaced by {@code ****} */
    public static String redact(String text) {
        if (text == null || KNOWN.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : KNOWN) {
            if (out.contains(secret)) {
                out = out.replace(secret, "****");
            }
        }
        return out;
    }
}
