package dev.aios.toolpacks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches URLs for the web tools with the JDK's {@link HttpClient}: every URL, and every redirect
 * hop, is checked against the {@link Hosts} before it is requested (redirects are followed here,
 * at most {@value #MAX_REDIRECTS}, never by the client), and a body is read up to a byte limit.
 */
public final class WebClient {
    /** The most redirects one fetch follows. */
    public static final int MAX_REDIRECTS = 5;

    /** What a fetch got. */
    public record Response(URI url, int status, String contentType, byte[] body, boolean cut, long declaredLength,
            int redirects) {
        /** @return the media type without parameters, lower case; empty when the server sent none */
        public String mediaType() {
            int semi = contentType.indexOf(';');
            return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        }

        /** @return the charset parameter of the content type, or null */
        public String charset() {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    return p.substring(8).replace("\"", "").strip();
                }
            }
            return null;
        }
    }

    private final Hosts hosts;
    private final HttpClient client;
    private final Duration timeout;
    private final String userAgent;

    /** A client that reaches only {@code hosts}. */
    public WebClient(Hosts hosts, Duration timeout, String userAgent) {
        this.hosts = hosts;
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    /**
     * @param url the URL a tool was given
     * @param head whether to send HEAD (no body is read)
     * @param maxBytes the most body bytes read; the rest is left unread and {@code cut} is set
     * @throws IllegalArgumentException for a URL or redirect the hosts refuse, too many redirects
     * @throws IOException when the server cannot be reached or does not answer in time
     */
    public Response fetch(String url, boolean head, long maxBytes) throws IOException {
        URI uri = hosts.check(url);
        for (int hop = 0; ; hop++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", userAgent)
                    .header("Accept", "text/html,application/xhtml+xml,text/*;q=0.9,application/json;q=0.9,*/*;q=0.5")
                    .method(head ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw new IOException(uri.getHost() + " did not answer within "
                        + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s"));
            } catch (ConnectException e) {
                throw new IOException("cannot connect to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                        + " (connection refused or unreachable)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri);
            }
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (status >= 300 && status < 400 && location != null) {
                response.body().close();
                if (hop >= MAX_REDIRECTS) {
                    throw new IllegalArgumentException("more than " + MAX_REDIRECTS + " redirects from " + url);
                }
                URI next = uri.resolve(location.strip());
                try {
                    uri = hosts.check(next);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(uri + " redirects to " + next.getScheme() + "://" + next.getHost()
                            + ", which is refused: " + e.getMessage());
                }
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            byte[] body;
            boolean cut;
            try (InputStream in = response.body()) {
                body = head ? new byte[0] : BoundedBody.read(in, maxBytes, timeout, uri.getHost());
                cut = body.length > maxBytes;
                if (cut) {
                    body = java.util.Arrays.copyOf(body, (int) maxBytes);
                }
            }
            return new Response(uri, status, type, body, cut, declared, hop);
        }
    }
}
