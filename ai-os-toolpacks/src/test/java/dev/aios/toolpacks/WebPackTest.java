package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.aios.api.ToolResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebPackTest {
    private static final String PAGE = "<html><head><title>Test page</title><script>var x = 1;</script></head><body>"
            + "<h1>Hello</h1><p>First paragraph.</p><ul><li>one</li><li>two</li></ul>"
            + "<a href=\"/other\">Other page</a> <a href=\"https://elsewhere.example/x\">Away</a></body></html>";
    private HttpServer server;
    private String base;
    @TempDir
    Path root;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        respond("/page", 200, "text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8));
        respond("/data.json", 200, "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        respond("/image.png", 200, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        respond("/big", 200, "text/plain", "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        server.createContext("/away", ex -> {
            ex.getResponseHeaders().add("Location", "http://outside.example/steal");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/hop", ex -> {
            ex.getResponseHeaders().add("Location", "/page");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/trickle", ex -> {
            // headers at once, then a byte now and then: only a limit on the whole answer stops it
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            try (java.io.OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 40; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up, as it should
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void respond(String path, int status, String type, byte[] body) {
        server.createContext(path, ex -> {
            ex.getResponseHeaders().add("Content-Type", type);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
                ex.sendResponseHeaders(status, -1);
            } else {
                ex.sendResponseHeaders(status, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ToolPack web() {
        return WebPack.builder().allowHost("127.0.0.1").root(root).maxBytes(1000).timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void fetchReturnsReadableTextUntrusted() {
        ToolResult r = call(web(), "web.fetch", Map.of("url", base + "/page", "links", true));
        assertThat(r.error()).as(r.text()).isFalse();
        assertThat(r.text()).contains("Title: Test page").contains("# Hello").contains("First paragraph.")
                .contains("- one").doesNotContain("var x").contains("<" + base + "/other>");
        assertThat(r.provenance().isTrusted()).isFalse();
        assertThat(call(web(), "web.fetch", Map.of("url", base + "/data.json")).text()).contains("{\"a\":1}");
        assertThat(call(web(), "web.fetch", Map.of("url", base + "/image.png")).text()).contains("image/png")
                .contains("web.download");
        assertThat(call(web(), "web.fetch", Map.of("url", base + "/hop")).text()).contains("First paragraph.");
    }

    @Test
    void linksAbsoluteAndSameSite() {
        String all = call(web(), "web.links", Map.of("url", base + "/page")).text();
        assertThat(all).contains(base + "/other").contains("https://elsewhere.example/x");
        String same = call(web(), "web.links", Map.of("url", base + "/page", "sameSite", true)).text();
        assertThat(same).contains(base + "/other").doesNotContain("elsewhere");
    }

    @Test
    void htmlToTextInlineAndFromFileInRoot() throws IOException {
        assertThat(call(web(), "web.html_to_text", Map.of("html", PAGE)).text()).contains("First paragraph.");
        Files.writeString(root.resolve("saved.html"), PAGE);
        assertThat(call(web(), "web.html_to_text", Map.of("path", "saved.html")).text()).contains("Title: Test page");
        assertThat(call(web(), "web.html_to_text", Map.of("path", "../etc/passwd")).text()).contains("outside");
    }

    @Test
    void downloadSavesWithinRootAndRefusesOversize() throws IOException {
        ToolResult r = call(web(), "web.download", Map.of("url", base + "/image.png", "path", "img/a.png"));
        assertThat(r.error()).as(r.text()).isFalse();
        assertThat(Files.readAllBytes(root.resolve("img/a.png"))).hasSize(7);
        ToolResult big = call(web(), "web.download", Map.of("url", base + "/big", "path", "big.txt"));
        assertThat(big.error()).isTrue();
        assertThat(big.text()).contains("larger than the limit of 1000 bytes");
        assertThat(root.resolve("big.txt")).doesNotExist();
        assertThat(call(web(), "web.fetch", Map.of("url", base + "/big")).text()).contains("only its start was read");
    }

    @Test
    void checkReportsStatusAndFinalUrl() {
        String out = call(web(), "web.check", Map.of("url", base + "/hop")).text();
        assertThat(out).contains("\"status\":200").contains("\"finalUrl\":\"" + base + "/page\"").contains("\"redirects\":1");
        assertThat(call(web(), "web.check", Map.of("url", "http://127.0.0.1:1/")).text()).contains("\"answers\":false");
    }

    @Test
    void confinement() {
        ToolResult away = call(web(), "web.fetch", Map.of("url", base + "/away"));
        assertThat(away.error()).isTrue();
        assertThat(away.text()).contains("outside.example").contains("not among the hosts");
        assertThat(call(web(), "web.fetch", Map.of("url", "http://user:secret@127.0.0.1/")).text())
                .contains("user name or password").doesNotContain("secret");
        assertThat(call(web(), "web.fetch", Map.of("url", "file:///etc/passwd")).text()).contains("only http and https");
        assertThat(call(WebPack.builder().build(), "web.fetch", Map.of("url", base + "/page")).text())
                .contains("none is configured");
        ToolResult slow = call(WebPack.builder().allowHost("127.0.0.1").timeout(Duration.ofMillis(300)).build(),
                "web.fetch", Map.of("url", base + "/slow"));
        assertThat(slow.error()).isTrue();
        assertThat(slow.text()).contains("did not answer within");
        ToolResult trickle = call(WebPack.builder().allowHost("127.0.0.1").timeout(Duration.ofMillis(500)).build(),
                "web.fetch", Map.of("url", base + "/trickle"));
        assertThat(trickle.error()).isTrue();
        assertThat(trickle.text()).contains("did not send its whole answer within 500 ms");
    }
}
