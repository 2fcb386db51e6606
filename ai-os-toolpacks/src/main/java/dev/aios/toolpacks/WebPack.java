package dev.aios.toolpacks;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.AtomicWrite;
import dev.aios.toolpacks.internal.Hosts;
import dev.aios.toolpacks.internal.HtmlText;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.ToolHandlers;
import dev.aios.toolpacks.internal.WebClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Web tools: a page's readable text, its links, HTML to text, downloads and URL checks, over the
 * JDK's HTTP client and jsoup. Only the hosts the builder allows are reached, and every redirect
 * hop is checked against them too; with none allowed, every URL is refused. Page text is labelled
 * untrusted (a page must not steer the agent).
 * {@snippet :
 * ToolPack web = WebPack.builder()
 *         .allowHost("example.com", "*.wikipedia.org")
 *         .root(Path.of("downloads"))          // for web.download and web.html_to_text files
 *         .maxBytes(2 * 1024 * 1024)           // the default
 *         .timeout(Duration.ofSeconds(20))     // the default
 *         .build();
 * }
 */
public final class WebPack {
    private static final int DEFAULT_CHARS = 20_000;
    private static final int MAX_CHARS = 200_000;

    private WebPack() {}

    /** @return a builder; by default no host is allowed, no root is set, 2 MiB and 20 s per request */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a web pack. */
    public static final class Builder {
        private final List<String> hosts = new ArrayList<>();
        private final List<Path> roots = new ArrayList<>();
        private long maxBytes = 2L * 1024 * 1024;
        private Duration timeout = Duration.ofSeconds(20);
        private String userAgent = "ai-os-webpack/1 (+https://github.com/aios-java)";

        private Builder() {}

        /**
         * Allows hosts: a name ({@code example.com}), a wildcard for its subdomains
         * ({@code *.example.com}), or {@code *} for every host. None by default.
         */
        public Builder allowHost(String... patterns) {
            for (String p : patterns) {
                hosts.add(Objects.requireNonNull(p, "host pattern"));
            }
            Hosts.of("web tools", hosts); // fail fast on a bad pattern
            return this;
        }

        /** Sets a folder where {@code web.download} saves and {@code web.html_to_text} reads files (none by default). */
        public Builder root(Path folder) {
            roots.add(Objects.requireNonNull(folder, "root"));
            return this;
        }

        /** Sets the most bytes read from one response (default 2 MiB); a download over it is refused. */
        public Builder maxBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBytes must be >= 1, was " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /** Sets how long to wait to connect and for a response's headers (default 20 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Sets the User-Agent header sent (default {@code ai-os-webpack/1}). */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** @return the pack {@code web} */
        public ToolPack build() {
            Roots.Builder r = Roots.builder("web tools");
            roots.forEach(root -> r.add(root, true));
            return new Tools(new WebClient(Hosts.of("web tools", hosts), timeout, userAgent), r.build(), maxBytes).pack();
        }
    }

    private record Tools(WebClient client, Roots roots, long maxBytes) {
        private static final ToolRisk READ_WEB = new ToolRisk(ToolRisk.Level.READ_ONLY, true, true);

        ToolPack pack() {
            return Pack.named("web").examples(WebPack.class)
                    .tool("web.fetch", "Open a web page (URL) and read its title and text, with HTML turned into"
                            + " readable text (plain text and JSON as they are), cut to a size. Only the sites the"
                            + " host allows are reached.",
                            Schema.object().string("url", "the http(s) URL")
                                    .integer("maxChars", "the most characters of text to return (default 20000)")
                                    .bool("links", "also list the page's links (default false)")
                                    .required("url").json(), READ_WEB, Pack.Output.OUTSIDE, this::fetch)
                    .tool("web.links", "List the links on a web page: each link's text and full URL.",
                            Schema.object().string("url", "the http(s) URL of the page")
                                    .bool("sameSite", "only links to the page's own host (default false)")
                                    .integer("limit", "the most links to return (default 200)")
                                    .required("url").json(), READ_WEB, Pack.Output.OUTSIDE, this::links)
                    .tool("web.html_to_text", "Convert HTML into plain readable text, from HTML given inline or an"
                            + " HTML file in the download folder. To read a live web page, use web.fetch.",
                            Schema.object().string("html", "the HTML text").string("path", "or: an HTML file, relative"
                                    + " to the download folder").integer("maxChars", "the most characters to return"
                                    + " (default 20000)").json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, this::htmlToText)
                    .tool("web.download", "Download a file from a URL (any type, up to the size limit) and save it"
                            + " in the download folder. To read a page's text instead, use web.fetch.",
                            Schema.object().string("url", "the http(s) URL").string("path", "the file to write,"
                                    + " relative to the download folder").bool("overwrite", "replace an existing file"
                                    + " (default false)").required("url", "path").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, true, true), Pack.Output.OUTSIDE, this::download)
                    .tool("web.check", "Check whether a website or link is up or down (reachable): its HTTP status,"
                            + " content type, size and final URL after redirects, without downloading the page.",
                            Schema.object().string("url", "the http(s) URL").required("url").json(), READ_WEB,
                            Pack.Output.OUTSIDE, this::check)
                    .build();
        }

        private WebClient.Response get(String url) throws IOException {
            WebClient.Response r = client.fetch(url, false, maxBytes);
            if (r.status() >= 400) {
                throw new IOException(r.url() + " answered HTTP " + r.status());
            }
            return r;
        }

        private ToolResult fetch(Map<String, Object> args) throws IOException {
            WebClient.Response r = get(Args.string(args, "url"));
            int maxChars = maxChars(args);
            StringBuilder out = new StringBuilder();
            String text;
            List<Map<String, String>> links = List.of();
            if (html(r)) {
                Document doc = parse(r);
                out.append("Title: ").append(doc.title().strip()).append('\n');
                if (Args.bool(args, "links", false)) {
                    links = links(doc, r, false, 200);
                }
                text = HtmlText.of(doc);
            } else if (textual(r)) {
                text = new String(r.body(), charset(r));
            } else {
                throw new IllegalArgumentException(r.url() + " is " + (r.mediaType().isEmpty() ? "of no declared type"
                        : r.mediaType()) + ", not a page of text; use web.download to save it");
            }
            out.append("URL: ").append(r.url()).append('\n');
            if (r.cut()) {
                out.append("(the page is over ").append(maxBytes).append(" bytes; only its start was read)\n");
            }
            out.append('\n').append(ToolHandlers.cut(text, maxChars));
            if (!links.isEmpty()) {
                out.append("\n\nLinks:\n");
                links.forEach(l -> out.append("- ").append(l.get("text")).append(" <").append(l.get("url")).append(">\n"));
            }
            return ToolResult.success(out.toString().strip());
        }

        private ToolResult links(Map<String, Object> args) throws IOException {
            WebClient.Response r = get(Args.string(args, "url"));
            if (!html(r)) {
                throw new IllegalArgumentException(r.url() + " is " + r.mediaType() + ", not an HTML page");
            }
            long limit = Math.max(1, Math.min(2000, Args.integer(args, "limit", 200)));
            List<Map<String, String>> links = links(parse(r), r, Args.bool(args, "sameSite", false), (int) limit + 1);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("url", r.url().toString());
            out.put("links", links.size() > limit ? links.subList(0, (int) limit) : links);
            if (links.size() > limit) {
                out.put("note", "more links than the limit of " + limit + "; the rest were left out");
            }
            return ToolResult.success(Json.text(out));
        }

        private ToolResult htmlToText(Map<String, Object> args) throws IOException {
            boolean inline = args.containsKey("html");
            if (inline == args.containsKey("path")) {
                throw new IllegalArgumentException("give either 'html' (the HTML text) or 'path' (an HTML file), not "
                        + (inline ? "both" : "neither"));
            }
            Document doc;
            if (inline) {
                doc = Jsoup.parse(Args.text(args, "html"));
            } else {
                Path file = roots.resolve(Args.string(args, "path"), Roots.Access.READ);
                if (Files.size(file) > maxBytes) {
                    throw new IllegalArgumentException("argument 'path': the file is over the limit of " + maxBytes + " bytes");
                }
                doc = Jsoup.parse(file.toFile(), null);
            }
            String title = doc.title().strip();
            String text = HtmlText.of(doc);
            return ToolResult.success((title.isEmpty() ? "" : "Title: " + title + "\n\n") + ToolHandlers.cut(text, maxChars(args)));
        }

        private ToolResult download(Map<String, Object> args) throws IOException {
            Path target = roots.resolve(Args.string(args, "path"), Roots.Access.WRITE);
            if (Files.isDirectory(target)) {
                throw new IllegalArgumentException("argument 'path': " + roots.display(target) + " is a folder");
            }
            if (Files.exists(target) && !Args.bool(args, "overwrite", false)) {
                throw new IllegalArgumentException("argument 'path': " + roots.display(target)
                        + " exists; pass overwrite true to replace it");
            }
            WebClient.Response r = get(Args.string(args, "url"));
            if (r.cut()) {
                throw new IllegalArgumentException(r.url() + " is larger than the limit of " + maxBytes
                        + " bytes; nothing was saved");
            }
            AtomicWrite.bytes(target, r.body());
            return ToolResult.success(Json.text(Map.of("path", roots.display(target), "bytes", r.body().length,
                    "contentType", r.contentType(), "url", r.url().toString())));
        }

        private ToolResult check(Map<String, Object> args) throws IOException {
            String url = Args.string(args, "url");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("url", url);
            WebClient.Response r;
            try {
                r = client.fetch(url, true, 0);
                if (r.status() == 405 || r.status() == 501) {
                    r = client.fetch(url, false, 0); // the server does not take HEAD: GET, reading nothing
                }
            } catch (IOException e) {
                out.put("answers", false);
                out.put("problem", e.getMessage());
                return ToolResult.success(Json.text(out));
            }
            out.put("answers", true);
            out.put("status", r.status());
            out.put("ok", r.status() < 400);
            out.put("contentType", r.contentType());
            out.put("size", r.declaredLength() < 0 ? "unknown" : r.declaredLength());
            out.put("finalUrl", r.url().toString());
            out.put("redirects", r.redirects());
            return ToolResult.success(Json.text(out));
        }

        private static boolean html(WebClient.Response r) {
            String t = r.mediaType();
            return t.equals("text/html") || t.equals("application/xhtml+xml");
        }

        private static boolean textual(WebClient.Response r) {
            String t = r.mediaType();
            return t.startsWith("text/") || t.equals("application/json") || t.endsWith("+json")
                    || t.equals("application/xml") || t.endsWith("+xml") || t.equals("application/javascript");
        }

        private static Document parse(WebClient.Response r) throws IOException {
            return Jsoup.parse(new ByteArrayInputStream(r.body()), r.charset(), r.url().toString());
        }

        private static Charset charset(WebClient.Response r) {
            try {
                return r.charset() == null ? StandardCharsets.UTF_8 : Charset.forName(r.charset());
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }

        private static List<Map<String, String>> links(Document doc, WebClient.Response r, boolean sameSite, int limit) {
            List<Map<String, String>> out = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (Element a : doc.select("a[href]")) {
                String url = a.absUrl("href");
                if (!(url.startsWith("http://") || url.startsWith("https://")) || !seen.add(url)) {
                    continue;
                }
                if (sameSite && !r.url().getHost().equalsIgnoreCase(hostOf(url))) {
                    continue;
                }
                String text = a.text().strip();
                out.add(Map.of("text", text.length() > 200 ? text.substring(0, 200) + "..." : text, "url", url));
                if (out.size() >= limit) {
                    break;
                }
            }
            return out;
        }

        private static String hostOf(String url) {
            try {
                return String.valueOf(java.net.URI.create(url).getHost());
            } catch (IllegalArgumentException e) {
                return "";
            }
        }

        private static int maxChars(Map<String, Object> args) {
            long n = Args.integer(args, "maxChars", DEFAULT_CHARS);
            if (n < 1 || n > MAX_CHARS) {
                throw new IllegalArgumentException("argument 'maxChars' must be within 1.." + MAX_CHARS);
            }
            return (int) n;
        }
    }
}
