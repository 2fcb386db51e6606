package dev.aios.tools;

import dev.aios.api.Provenance;
import dev.aios.api.Source;
import java.util.List;
import java.util.Objects;

/**
 * A resource as an MCP server sent it: from {@link McpToolRegistry#read(String, String)}, or
 * pushed to a {@linkplain McpToolRegistry#subscribe subscription} after the server said it
 * changed. Its contents were written by the server: untrusted, labelled so in
 * {@link #provenance()}.
 *
 * @param server the server it came from
 * @param uri the URI that was read
 * @param contents its parts, text or bytes (copied)
 * @param provenance untrusted and private, from {@link #source(String)}
 */
public record McpResourceRead(String server, String uri, List<McpResourceContents> contents, Provenance provenance) {

    /** Validates and copies. */
    public McpResourceRead {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(uri, "uri");
        contents = List.copyOf(Objects.requireNonNull(contents, "contents"));
        Objects.requireNonNull(provenance, "provenance");
    }

    /** @return the source that labels resources of server {@code server}: {@code tool:<server>.resources} */
    public static Source source(String server) {
        return Source.tool(server + ".resources");
    }

    /** @return the text parts, joined by newlines (binary parts are left out) */
    public String text() {
        return String.join("\n", contents.stream().filter(c -> c.text() != null).map(McpResourceContents::text).toList());
    }
}
