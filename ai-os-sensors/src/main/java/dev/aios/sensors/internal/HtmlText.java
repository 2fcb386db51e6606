package dev.aios.sensors.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text from HTML mail bodies: good enough for memory and search, not a renderer. */
final class HtmlText {
    private static final Pattern INVISIBLE =
            Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6])\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ",
            "mdash", "\u2014", "ndash", "\u2013", "hellip", "\u2026");

    private HtmlText() {}

    static String toPlain(String html) {
        String text = INVISIBLE.matcher(html).replaceAll(" ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll(" ");
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
        }
        m.appendTail(out);
        StringBuilder lines = new StringBuilder();
        for (String line : out.toString().split("\\R")) {
            String clean = line.replaceAll("[ \\t\\x0B\\f\\u00A0]+", " ").strip();
            if (!clean.isEmpty()) {
                lines.append(clean).append('\n');
            }
        }
        return lines.toString().strip();
    }

    private static String entity(String name) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Character.toString(Integer.parseInt(name.substring(2), 16));
            }
            if (name.startsWith("#")) {
                return Character.toString(Integer.parseInt(name.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return "&" + name + ";";
        }
        return NAMED.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "&" + name + ";");
    }
}
