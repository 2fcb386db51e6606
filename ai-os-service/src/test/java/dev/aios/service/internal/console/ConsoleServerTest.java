package dev.aios.service.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.AgentEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleServerTest {
    private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private RecordingBackend backend;
    private ConsoleServer server;

    @BeforeEach
    void start() {
        backend = new RecordingBackend();
        server = ConsoleServer.start(backend, ConsoleServer.Options.defaults()
                .withMetrics(() -> "aios_runs_total 3\n").withHeartbeat(Duration.ofMillis(100)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void refusesEveryRequestWithoutTheToken() throws Exception {
        for (String path : List.of("/", "/approvals", "/runs/r1", "/metrics", "/assets/htmx.min.js", "/api/runs",
                "/no/such/page")) {
            HttpResponse<String> answer = get(path, Map.of());
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.body()).as(path).contains("Open the console link");
            assertSecureHeaders(answer);
        }
        assertThat(get("/?token=wrong-token-of-some-length", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/", Map.of("Cookie", "aios_session=made-up")).statusCode()).isEqualTo(401);
        assertThat(post("/runs", "goal=x", Map.of()).statusCode()).isEqualTo(401);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void theTokenLinkSetsTheSessionCookieAndRedirectsWithoutTheToken() throws Exception {
        HttpResponse<String> answer = get("/approvals?token=" + server.token() + "&x=1", Map.of());

        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location")).hasValue("/approvals?x=1");
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("aios_session=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain(server.token());
        assertThat(server.loginUrl()).isEqualTo(server.baseUrl() + "?token=" + server.token());
        assertThat(get("/approvals", Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBearerTokenWorksWithoutASession() throws Exception {
        HttpResponse<String> answer = get("/api/approvals", bearer());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(answer.body()).contains("\"id\":\"a1\"", "\"tool\":\"mail.send\"", "destructive",
                "from tool:mail.read (untrusted, private)");
        assertThat(get("/api/approvals", Map.of("Authorization", "Bearer nope")).statusCode()).isEqualTo(401);
    }

    @Test
    void aBearerPostNeedsNoCsrfToken() throws Exception {
        HttpResponse<String> answer = post("/api/approvals/a1/deny", "{\"note\":\"not now\"}",
                Map.of("Authorization", "Bearer " + server.token(), "Content-Type", "application/json"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("denied");
        assertThat(backend.calls).containsExactly("deny a1 not now");
    }

    @Test
    void aPostWithTheCookieButNoCsrfTokenIsForbidden() throws Exception {
        Browser browser = signIn();

        HttpResponse<String> answer = post("/approvals/a1/approve", "note=ok", Map.of("Cookie", browser.cookie));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(post("/approvals/a1/approve", "note=ok", Map.of("Cookie", browser.cookie, "X-CSRF-Token", "forged"))
                .statusCode()).isEqualTo(403);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aCrossSitePostIsForbiddenEvenWithTheCsrfToken() throws Exception {
        Browser browser = signIn();

        HttpResponse<String> fromElsewhere = post("/approvals/a1/approve", "note=ok",
                Map.of("Cookie", browser.cookie, "X-CSRF-Token", browser.csrf, "Origin", "http://evil.example"));
        HttpResponse<String> crossSite = post("/approvals/a1/approve", "note=ok",
                Map.of("Cookie", browser.cookie, "X-CSRF-Token", browser.csrf, "Sec-Fetch-Site", "cross-site"));

        assertThat(fromElsewhere.statusCode()).isEqualTo(403);
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void anApprovePostWithTheCsrfTokenCallsTheBackend() throws Exception {
        Browser browser = signIn();
        String origin = server.baseUrl().substring(0, server.baseUrl().length() - 1);

        HttpResponse<String> answer = post("/approvals/a1/approve", "note=" + enc("looks right"),
                Map.of("Cookie", browser.cookie, "X-CSRF-Token", browser.csrf, "Origin", origin,
                        "Sec-Fetch-Site", "same-origin", "HX-Request", "true"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("class=\"approval answered\"", "data-request-id=\"a1\"", "Approved.");
        assertThat(backend.calls).containsExactly("approve a1 looks right");

        HttpResponse<String> again = post("/approvals/a1/deny", "_csrf=" + enc(browser.csrf) + "&reason=x",
                Map.of("Cookie", browser.cookie));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("approval unknown", "already answered, or it expired");
    }

    @Test
    void textsFromTheBackendAreEscaped() throws Exception {
        Browser browser = signIn();

        String page = get("/", Map.of("Cookie", browser.cookie)).body();

        assertThat(page).doesNotContain("<script>alert", "<img src=x", "</textarea><script>", "\"><b>");
        assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;");
        // no inline script or style anywhere: only external scripts, no style attributes
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find()).isFalse();
        assertThat(page).doesNotContain(" style=", " onclick=", server.token());
        String approvals = get("/approvals", Map.of("Cookie", browser.cookie)).body();
        assertThat(approvals).doesNotContain("<b>hi</b>").contains("&lt;b&gt;hi&lt;/b&gt;");
        assertThat(get("/memory", Map.of("Cookie", browser.cookie)).body()).doesNotContain("<short>");
        assertThat(page).contains("Ann &lt;admin&gt;");
    }

    @Test
    void everyPageAnswersWithItsKeyElements() throws Exception {
        Browser browser = signIn();
        Map<String, List<String>> pages = Map.of(
                "/", List.of("id=\"nav\"", "id=\"content\"", "id=\"error\"", "id=\"briefing\"", "id=\"triage\"",
                        "class=\"triage-item\"", "data-message-id=\"&lt;m1@example.com&gt;\"", "class=\"correct-label\"",
                        "hx-post=\"/triage/%3Cm1%40example.com%3E\"", "id=\"drafts\"", "class=\"draft\"",
                        "class=\"draft-edit\"", "class=\"draft-todo\"", "Attach the report: the draft says it is attached.", "id=\"meetings\"", "class=\"meeting\"", "id=\"limitations\"",
                        "aria-current=\"page\"", "name=\"htmx-config\"", "includeIndicatorStyles"),
                "/approvals", List.of("id=\"approvals\"", "class=\"approval\"", "data-request-id=\"a1\"",
                        "class=\"tool-name\"", "class=\"arguments\"", "class=\"risk\"", "destructive", "open-world",
                        "not idempotent", "class=\"policy\"", "class=\"flow untrusted\"", "class=\"expiry\"",
                        "hx-post=\"/approvals/a1/approve\"", "hx-post=\"/approvals/a1/deny\""),
                "/runs", List.of("id=\"goal-form\"", "id=\"goal-result\"", "id=\"runs\"", "class=\"run\"",
                        "data-run-id=\"r1\""),
                "/runs/r1", List.of("id=\"run\"", "sse-connect=\"/runs/r1/events\"", "hx-ext=\"sse\"",
                        "id=\"run-status\"", "id=\"timeline\"", "class=\"event\"", "data-type=\"RUN_STARTED\""),
                "/memory?q=bob&layer=LONG_TERM&from=2025-01-01&to=2025-12-31", List.of("id=\"memory-search\"",
                        "id=\"hits\"", "class=\"hit\"", "data-memory-id=\"mem-1\"", "class=\"hit-why\"",
                        "hx-post=\"/memory/mem-1/forget\""),
                "/brains", List.of("id=\"brains\"", "class=\"brain\"", "local-small", "cloud-large",
                        "id=\"cost-saved\"", "1.25"),
                "/assets/htmx.min.js", List.of("htmx"),
                "/assets/sse.js", List.of("sse-connect"),
                "/assets/console.css", List.of("#timeline"));
        for (Map.Entry<String, List<String>> page : pages.entrySet()) {
            HttpResponse<String> answer = get(page.getKey(), Map.of("Cookie", browser.cookie));
            assertThat(answer.statusCode()).as(page.getKey()).isEqualTo(200);
            assertThat(answer.body()).as(page.getKey()).contains(page.getValue());
            assertSecureHeaders(answer);
        }
        assertThat(backend.calls).contains("searchMemory bob [LONG_TERM] true true");
    }

    @Test
    void withoutABriefingThePageSaysSo() throws Exception {
        backend.briefing = null;
        assertThat(get("/", Map.of("Cookie", signIn().cookie)).body()).contains("id=\"no-briefing\"",
                "No briefing yet");
    }

    @Test
    void aTriageCorrectionSwapsTheRowEvenForAnIdWithASlash() throws Exception {
        Browser browser = signIn();

        HttpResponse<String> answer = post("/triage/" + PageLayout.segment("<m2/x@example.com>"), "label=routine",
                browser.htmx());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).startsWith("<tr").contains("triage-item corrected", ">routine<");
        assertThat(backend.calls).containsExactly("correctLabel <m2/x@example.com> routine");
    }

    @Test
    void badInputIsA400WithAMessageForTheErrorElement() throws Exception {
        Browser browser = signIn();

        HttpResponse<String> label = post("/triage/" + PageLayout.segment("<m1@example.com>"), "label=urgent",
                browser.htmx());
        HttpResponse<String> goal = post("/runs", "goal=+++", browser.htmx());

        assertThat(label.statusCode()).isEqualTo(400);
        assertThat(label.headers().firstValue("HX-Retarget")).hasValue("#error");
        assertThat(label.body()).contains("Unknown label &#x27;urgent&#x27;").doesNotContain("Exception", "at dev.");
        assertThat(goal.statusCode()).isEqualTo(400);
        assertThat(goal.body()).contains("The goal is empty");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aDraftEditIsKeptAsTheUsersVoice() throws Exception {
        HttpResponse<String> answer = post("/drafts/" + PageLayout.segment("<m2/x@example.com>"),
                "text=" + enc("Hi Bob, done."), signIn().htmx());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Kept as your voice.");
        assertThat(backend.calls).containsExactly("editDraft <m2/x@example.com> Hi Bob, done.");
    }

    @Test
    void aGoalStartsARunAndLinksToIt() throws Exception {
        HttpResponse<String> answer = post("/runs", "goal=" + enc("Summarise my week"), signIn().htmx());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("HX-Redirect")).hasValue("/runs/r2");
        assertThat(answer.body()).contains("href=\"/runs/r2\"", "run-link");
        assertThat(backend.calls).containsExactly("submitGoal Summarise my week");
    }

    @Test
    void forgettingAMemoryRemovesTheHit() throws Exception {
        Browser browser = signIn();

        HttpResponse<String> answer = post("/memory/mem-1/forget", "", browser.htmx());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(backend.calls).containsExactly("forget mem-1");
        assertThat(post("/memory/mem-1/forget", "", browser.htmx()).statusCode()).isEqualTo(404);
    }

    @Test
    void theJsonApiStartsGoalsAndShowsRuns() throws Exception {
        Map<String, String> json = Map.of("Authorization", "Bearer " + server.token(), "Content-Type",
                "application/json");

        HttpResponse<String> started = post("/api/goals", "{\"goal\":\"Tidy the inbox\"}", json);
        HttpResponse<String> blank = post("/api/goals", "{\"goal\":\" \"}", json);
        HttpResponse<String> run = get("/api/runs/r1", bearer());

        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(started.body()).isEqualTo("{\"runId\":\"r2\"}");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("\"error\"", "the goal is empty");
        assertThat(run.body()).contains("\"runId\":\"r1\"", "\"events\":[", "RUN_STARTED");
        assertThat(get("/api/runs", bearer()).body()).contains("Tidy the inbox");
        assertThat(get("/api/runs/nope", bearer()).statusCode()).isEqualTo(404);
        assertThat(post("/api/approvals/a1/approve", "{\"note\":\"ok\"}", json).body()).contains("approved");
    }

    @Test
    void metricsNeedTheTokenToo() throws Exception {
        assertThat(get("/metrics", Map.of()).statusCode()).isEqualTo(401);

        HttpResponse<String> answer = get("/metrics", bearer());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("aios_runs_total 3\n");
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }

    @Test
    void withoutMetricsTheEndpointIs404() throws Exception {
        try (ConsoleServer plain = ConsoleServer.start(backend, ConsoleServer.Options.defaults())) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(plain.baseUrl() + "metrics"))
                    .header("Authorization", "Bearer " + plain.token()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theDefaultBindIsLoopback() {
        assertThat(ConsoleServer.Options.defaults().host()).isEqualTo("127.0.0.1");
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
        assertThat(server.token()).hasSize(43); // 32 random bytes, base64url without padding
    }

    @Test
    void theDefaultBindIsNotReachableFromOtherAddresses() throws Exception {
        java.net.InetAddress other = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this machine has no other IPv4 address");
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                    new java.net.InetSocketAddress(other, server.port()), 2000)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anHtmxRequestThatIsRefusedShowsItsMessageInTheErrorElement() throws Exception {
        HttpResponse<String> answer = post("/runs", "goal=x", Map.of("HX-Request", "true"));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("HX-Retarget")).hasValue("#error");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"aios\"");
    }

    @Test
    void theSignInRedirectStaysOnThisConsole() {
        assertThat(ConsoleGuard.withoutToken("//evil.example/x", "token=t")).isEqualTo("/");
        assertThat(ConsoleGuard.withoutToken("/runs/r1", "a=1&token=t&b=2")).isEqualTo("/runs/r1?a=1&b=2");
        assertThat(ConsoleGuard.withoutToken("/", "token=t")).isEqualTo("/");
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run/console.token");
        try (ConsoleServer withFile = ConsoleServer.start(backend, ConsoleServer.Options.defaults().withTokenFile(file))) {
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(file).strip()).isEqualTo(withFile.token());
            assertThat(dir.resolve("run")).isDirectoryNotContaining("glob:**.tmp");
        }
    }

    private static void assertSecureHeaders(HttpResponse<?> answer) {
        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleGuard.CSP);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    /** A signed-in browser: its session cookie and the page's CSRF token. */
    record Browser(String cookie, String csrf) {
        Map<String, String> htmx() {
            return Map.of("Cookie", cookie, "X-CSRF-Token", csrf, "HX-Request", "true",
                    "Content-Type", "application/x-www-form-urlencoded");
        }
    }

    Browser signIn() throws Exception {
        HttpResponse<String> link = get("/?token=" + server.token(), Map.of());
        String setCookie = link.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = get("/runs", Map.of("Cookie", cookie));
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("csrf meta in %s", page.body()).isTrue();
        return new Browser(cookie, m.group(1));
    }

    private Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + server.token());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path.substring(1)))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path.substring(1)))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static AgentEvent event(String runId, AgentEvent.Type type, String message) {
        return new AgentEvent(runId, type, RecordingBackend.NOW, "s1", message);
    }
}
