package dev.aios.samples.briefing;

import dev.aios.api.AiOsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a sample world's fixture text from its resource folder under
 * {@code dev/aios/samples/briefing/} (such as {@code world/}): the text is data, kept out of the
 * code so it can be read and edited as mail, and the writer only dates and numbers it.
 */
final class WorldFixtures {

    /**
     * One entry of {@code inbox.txt} or {@code sent.txt}: a key other entries refer to (empty when
     * none does), the headers in file order and the body as written.
     */
    record Entry(String key, Map<String, String> headers, String body) {
        Entry {
            // Kept in file order: headers passed through to the mail are written in the order given.
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** @return the header's value; a missing one is a broken fixture file */
        String header(String name) {
            String value = headers.get(name);
            if (value == null) {
                throw AiOsException.permanent("the fixture entry '" + key + "' has no header " + name
                        + "; every entry of the world's fixture files needs it");
            }
            return value;
        }

        /** @return the header's value, or {@code fallback} when the entry has none */
        String header(String name, String fallback) {
            return headers.getOrDefault(name, fallback);
        }

        /** @return the whole number in the header */
        int number(String name) {
            return Integer.parseInt(header(name));
        }
    }

    /** A person as a fixture writes them: {@code Name <address>}. */
    record Person(String name, String address) {
        static Person parse(String text) {
            int open = text.indexOf('<');
            if (open < 0 || !text.endsWith(">")) {
                throw AiOsException.permanent("'" + text + "' is not 'Name <address>' in the world's fixture files");
            }
            return new Person(text.substring(0, open).strip(), text.substring(open + 1, text.length() - 1));
        }

        /** @return the part of the address after {@code @} */
        String domain() {
            return address.substring(address.indexOf('@') + 1);
        }
    }

    private WorldFixtures() {}

    /**
     * @param folder the world's resource folder, such as {@code world/}
     * @return the resource's text, as UTF-8
     */
    static String text(String folder, String name) {
        try (InputStream in = WorldFixtures.class.getResourceAsStream(folder + name)) {
            if (in == null) {
                throw AiOsException.permanent("the sample world's fixture " + folder + name
                        + " is missing from the classpath; it ships in the samples jar under dev/aios/samples/briefing/");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AiOsException.permanent("cannot read the sample world's fixture " + folder + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a file of entries, each opened by a line {@code === KEY} ({@code KEY} optional),
     * followed by {@code Name: value} headers, a blank line and the body up to the next entry;
     * lines that start with {@code #} are comments.
     *
     * @return the entries in file order
     */
    static List<Entry> entries(String folder, String name) {
        List<Entry> entries = new ArrayList<>();
        String key = null;
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        boolean inBody = false;
        for (String line : text(folder, name).split("\n", -1)) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("===")) {
                if (key != null) {
                    entries.add(new Entry(key, headers, body.toString().strip()));
                }
                key = line.substring(3).strip();
                headers = new LinkedHashMap<>();
                body.setLength(0);
                inBody = false;
            } else if (key == null) {
                continue;
            } else if (inBody) {
                body.append(line).append('\n');
            } else if (line.isBlank()) {
                inBody = true;
            } else {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw AiOsException.permanent("line '" + line + "' in the fixture " + name
                            + " is neither a 'Name: value' header nor the blank line before the body");
                }
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        if (key != null) {
            entries.add(new Entry(key, headers, body.toString().strip()));
        }
        return entries;
    }
}
