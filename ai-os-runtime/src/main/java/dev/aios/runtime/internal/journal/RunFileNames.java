package dev.aios.runtime.internal.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * File names from run ids: every byte of the id's UTF-8 outside {@code [A-Za-z0-9._-]} is
 * percent-encoded ({@code /} becomes {@code %2F}), so an id can never name a path outside the
 * folder; names longer than {@value #MAX_ENCODED} characters keep a prefix and end with a
 * SHA-256 of the id. The id itself is in the file's header, which is what {@code runIds} reads.
 */
final class RunFileNames {
    static final String DATA = ".run";
    static final String LOCK = ".lock";
    static final String TEMP = ".tmp";
    static final int MAX_ENCODED = 180;

    private RunFileNames() {}

    /** @return the file name stem for {@code runId}, without extension */
    static String stem(String runId) {
        byte[] utf8 = runId.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 8);
        for (byte b : utf8) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        if (out.length() <= MAX_ENCODED) {
            return out.toString();
        }
        int cut = 100;
        while (cut > 0 && (out.charAt(cut - 1) == '%' || (cut > 1 && out.charAt(cut - 2) == '%'))) {
            cut--;
        }
        return out.substring(0, cut) + "~" + sha256(utf8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
