package dev.aios.tools.internal;

import io.modelcontextprotocol.client.McpAsyncClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The MCP list requests' paging ({@code tools/list}, {@code resources/list}, {@code prompts/list}), written once. */
final class PagedListing {
    private PagedListing() {}

    /**
     * Sends a list request page after page until the server gives no further cursor.
     *
     * @param page the request for one page, given the cursor (null for the first page)
     * @param items a page's items (null when the server sent none)
     * @param nextCursor a page's cursor for the next page (null or empty on the last)
     * @param what the request, for error messages
     * @return every page's items, in order
     */
    static <P, T> List<T> all(ServerConnection connection, BiFunction<McpAsyncClient, @Nullable String, Mono<P>> page,
            Function<P, @Nullable List<T>> items, Function<P, @Nullable String> nextCursor, String what)
            throws InterruptedException {
        List<T> all = new ArrayList<>();
        String cursor = null;
        do {
            String current = cursor;
            P result = connection.request(client -> page.apply(client, current), what);
            List<T> some = items.apply(result);
            if (some != null) {
                all.addAll(some);
            }
            cursor = nextCursor.apply(result);
        } while (cursor != null && !cursor.isEmpty());
        return all;
    }
}
