package dev.aios.tools;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A family of resources that {@link McpToolServer} serves under one RFC 6570 URI template, such as
 * {@code notes://{day}}: a read of {@code notes://monday} calls the reader with
 * {@code day=monday}. A {@link McpCompleter} may suggest values for the variables.
 *
 * @param uriTemplate the URI template
 * @param name its name
 * @param description what the resources are, or null
 * @param mimeType their media type, or null
 * @param reader reads one resource, given the template's variables
 * @param completer suggests variable values, or null
 */
public record ServedResourceTemplate(String uriTemplate, String name, @Nullable String description,
        @Nullable String mimeType, Reader reader, @Nullable McpCompleter completer) {

    /** Reads one resource of a template. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @param uri the URI asked for
         * @param variables the template's variables, taken from {@code uri}
         * @return the resource's contents
         * @throws Exception anything; the client gets an error with the message
         */
        McpResourceContents read(String uri, Map<String, String> variables) throws Exception;
    }

    /** Validates. */
    public ServedResourceTemplate {
        if (uriTemplate == null || !uriTemplate.contains("{")) {
            throw new IllegalArgumentException("a resource template needs a URI template with at least one {variable}, was "
                    + uriTemplate);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource template " + uriTemplate + " needs a name");
        }
        Objects.requireNonNull(reader, "reader of resource template " + uriTemplate);
    }

    /** @return a template without completion */
    public static ServedResourceTemplate of(String uriTemplate, String name, @Nullable String description,
            @Nullable String mimeType, Reader reader) {
        return new ServedResourceTemplate(uriTemplate, name, description, mimeType, reader, null);
    }

    /** @return this template with {@code completer} suggesting its variables' values */
    public ServedResourceTemplate withCompleter(McpCompleter completer) {
        return new ServedResourceTemplate(uriTemplate, name, description, mimeType, reader,
                Objects.requireNonNull(completer, "completer"));
    }
}
