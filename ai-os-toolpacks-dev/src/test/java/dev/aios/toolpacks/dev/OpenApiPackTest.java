package dev.aios.toolpacks.dev;

import static dev.aios.toolpacks.dev.Calls.call;
import static dev.aios.toolpacks.dev.Calls.fails;
import static dev.aios.toolpacks.dev.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aios.api.Provenance;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.ToolPack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenApiPackTest {
    static final String TOKEN = "Bearer tok-7f3a9-very-secret";

    HttpServer server;
    String base;
    final Map<String, String> pets = new ConcurrentHashMap<>(Map.of("1", "Rex", "2", "Tom"));
    final List<String> authSeen = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> pathsSeen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/pets", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        authSeen.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        pathsSeen.add(ex.getRequestURI().getRawPath());
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = path.substring("/v1/pets".length()).replace("/", "");
        int status = 200;
        String out;
        switch (ex.getRequestMethod()) {
            case "GET" -> {
                if (id.equals("echo")) {
                    out = "{\"auth\":\"" + ex.getRequestHeaders().getFirst("Authorization") + "\"}";
                } else if (id.equals("parts")) {
                    // echoes only the secret parts of the header: the token, or Basic's user and password
                    String[] auth = ex.getRequestHeaders().getFirst("Authorization").split(" ", 2);
                    String secret = auth[0].equals("Basic")
                            ? new String(Base64.getDecoder().decode(auth[1]), StandardCharsets.UTF_8) : auth[1];
                    out = "{\"scheme\":\"" + auth[0] + "\",\"parts\":\"" + String.join(" and ", secret.split(":"))
                            + "\",\"encoded\":\"" + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "\"}";
                } else if (pets.containsKey(id)) {
                    out = "{\"id\":\"" + id + "\",\"name\":\"" + pets.get(id) + "\",\"query\":\"" + query
                            + "\",\"trace\":\"" + ex.getRequestHeaders().getFirst("X-Trace") + "\"}";
                } else {
                    status = 404;
                    out = "{\"error\":\"no pet " + id + "\"}";
                }
            }
            case "POST" -> {
                bodies.add(body);
                pets.put("3", "new");
                status = 201;
                out = "{\"created\":3}";
            }
            case "DELETE" -> {
                pets.remove(id);
                status = 204;
                out = "";
            }
            default -> {
                status = 405;
                out = "";
            }
        }
        byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    String spec(String serverUrl) {
        return """
                openapi: 3.0.3
                info: {title: Pets, version: "1"}
                servers:
                  - url: %s
                paths:
                  /pets/{petId}:
                    parameters:
                      - {name: petId, in: path, required: true, schema: {type: string}, description: the pet's id}
                    get:
                      operationId: getPet
                      summary: Get one pet by id
                      parameters:
                        - {name: verbose, in: query, schema: {type: boolean}}
                        - {name: X-Trace, in: header, schema: {type: string}}
                        - {name: Authorization, in: header, schema: {type: string}}
                    delete:
                      operationId: deletePet
                      summary: Delete a pet
                  /pets:
                    post:
                      summary: Add a pet
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/NewPet'}
                      responses: {'201': {description: created}}
                components:
                  schemas:
                    NewPet:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string}
                        tags: {type: array, items: {type: string}}
                """.formatted(serverUrl);
    }

    ToolPack pack() {
        return OpenApiPack.builder("petstore").spec(spec(base)).allowHost("127.0.0.1").header("Authorization", TOKEN)
                .build();
    }

    @Test
    void operationsBecomeToolsWithSchemasAndRisksFromTheirMethods() {
        ToolPack pets = pack();
        assertThat(pets.name()).isEqualTo("petstore");
        assertThat(pets.tools()).extracting(t -> t.name())
                .containsExactlyInAnyOrder("petstore.getPet", "petstore.deletePet", "petstore.post_pets");
        var get = pets.find("petstore.getPet").orElseThrow();
        assertThat(get.description()).isEqualTo("Get one pet by id (GET /pets/{petId})");
        assertThat(get.risk()).isEqualTo(new ToolRisk(ToolRisk.Level.READ_ONLY, true, true));
        assertThat(get.inputSchema()).contains("\"petId\"").contains("\"verbose\"").contains("\"X-Trace\"")
                .doesNotContain("Authorization").contains("\"required\":[\"petId\"]");
        assertThat(pets.find("petstore.deletePet").orElseThrow().risk())
                .isEqualTo(new ToolRisk(ToolRisk.Level.DESTRUCTIVE, true, true));
        var post = pets.find("petstore.post_pets").orElseThrow();
        assertThat(post.risk()).isEqualTo(new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, true, false));
        assertThat(post.inputSchema()).contains("\"body\"").contains("\"tags\"").contains("\"required\":[\"body\"]");
    }

    @Test
    void getSendsPathQueryAndHeaderParameters() {
        var result = call(pack(), "petstore.getPet", Map.of("petId", "1", "verbose", true, "X-Trace", "t-42"));
        assertThat(result.error()).as(result.text()).isFalse();
        assertThat(result.text()).startsWith("HTTP 200 (application/json)")
                .contains("\"name\":\"Rex\"").contains("\"query\":\"verbose=true\"").contains("\"trace\":\"t-42\"");
        assertThat(result.provenance().trust()).isEqualTo(Provenance.Trust.UNTRUSTED);
        assertThat(authSeen).containsExactly(TOKEN);
    }

    @Test
    void postSendsTheJsonBody() throws Exception {
        String text = ok(pack(), "petstore.post_pets", Map.of("body", Map.of("name", "Kit", "tags", List.of("cat"))));
        assertThat(text).startsWith("HTTP 201").contains("{\"created\":3}");
        assertThat(bodies).hasSize(1);
        assertThat(new ObjectMapper().readValue(bodies.get(0), Map.class))
                .isEqualTo(Map.of("name", "Kit", "tags", List.of("cat")));
        assertThat(fails(pack(), "petstore.post_pets", Map.of("body", Map.of("tags", List.of())))).contains("name");
    }

    @Test
    void deleteRemovesAndErrorsCarryTheStatus() {
        assertThat(ok(pack(), "petstore.deletePet", Map.of("petId", "2"))).startsWith("HTTP 204");
        assertThat(pets).doesNotContainKey("2");
        assertThat(fails(pack(), "petstore.getPet", Map.of("petId", "2"))).startsWith("HTTP 404")
                .contains("no pet 2");
        assertThat(fails(pack(), "petstore.getPet", Map.of())).contains("petId");
    }

    @Test
    void theAuthHeaderReachesTheServerButNeverAResult() {
        String text = ok(pack(), "petstore.getPet", Map.of("petId", "echo"));
        assertThat(authSeen).containsExactly(TOKEN);
        assertThat(text).contains("\"auth\":\"***\"").doesNotContain("tok-7f3a9");
        assertThat(pack().tools().toString()).doesNotContain("tok-7f3a9");
    }

    @Test
    void anEchoOfOnlyTheSecretPartsOfTheHeaderIsScrubbed() {
        String bearer = ok(pack(), "petstore.getPet", Map.of("petId", "parts"));
        assertThat(bearer).contains("\"scheme\":\"Bearer\"").contains("\"parts\":\"***\"")
                .doesNotContain("tok-7f3a9");
        String basicValue = "Basic " + Base64.getEncoder().encodeToString("svc-admin:hunter2-pass/x"
                .getBytes(StandardCharsets.UTF_8));
        ToolPack basic = OpenApiPack.builder("petstore").spec(spec(base)).allowHost("127.0.0.1")
                .header("Authorization", basicValue).build();
        String text = ok(basic, "petstore.getPet", Map.of("petId", "parts"));
        assertThat(authSeen).contains(basicValue);
        assertThat(text).contains("\"scheme\":\"Basic\"").contains("\"parts\":\"*** and ***\"")
                .doesNotContain("svc-admin").doesNotContain("hunter2").doesNotContain("hunter2-pass%2Fx");
    }

    @Test
    void dotSegmentsAreRefusedAsPathParameters() {
        for (String value : List.of("..", ".", "%2e%2e", "%2E", "%252e%252E")) {
            assertThat(fails(pack(), "petstore.getPet", Map.of("petId", value))).as(value)
                    .contains("path parameter 'petId' cannot be").contains("'.' and '..'");
            assertThat(fails(pack(), "petstore.deletePet", Map.of("petId", value))).as(value)
                    .contains("cannot be");
        }
        assertThat(pathsSeen).isEmpty();
        assertThat(pets).containsKeys("1", "2");
        // dots inside a value are fine
        assertThat(fails(pack(), "petstore.getPet", Map.of("petId", "a..b"))).startsWith("HTTP 404");
        assertThat(pathsSeen).containsExactly("/v1/pets/a..b");
    }

    @Test
    void hostsNotAllowedAreRefused() {
        ToolPack other = OpenApiPack.builder("petstore").spec(spec(base)).allowHost("api.example.com").build();
        assertThat(fails(other, "petstore.getPet", Map.of("petId", "1"))).contains("127.0.0.1")
                .contains("not among the hosts");
        ToolPack none = OpenApiPack.builder("petstore").spec(spec(base)).build();
        assertThat(fails(none, "petstore.getPet", Map.of("petId", "1"))).contains("none is configured");
        assertThat(authSeen).isEmpty();
    }

    @Test
    void relativeServersNeedABaseUrl() {
        ToolPack relative = OpenApiPack.builder("petstore").spec(spec("/v1")).allowHost("127.0.0.1").build();
        assertThat(fails(relative, "petstore.getPet", Map.of("petId", "1"))).contains("server(url)");
        ToolPack based = OpenApiPack.builder("petstore").spec(spec("/v1")).allowHost("127.0.0.1").server(base).build();
        assertThat(ok(based, "petstore.getPet", Map.of("petId", "1"))).contains("Rex");
    }

    @Test
    void responsesAreCut() {
        ToolPack small = OpenApiPack.builder("petstore").spec(spec(base)).allowHost("127.0.0.1").maxResponseBytes(10)
                .build();
        assertThat(ok(small, "petstore.getPet", Map.of("petId", "1"))).contains("[cut: showing the first 10 bytes");
    }

    @Test
    void aServerThatTricklesItsAnswerIsCutOffAtTheTimeout() throws IOException {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/v1/pets", ex -> {
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
        slow.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        slow.start();
        try {
            String slowBase = "http://127.0.0.1:" + slow.getAddress().getPort() + "/v1";
            ToolPack pack = OpenApiPack.builder("petstore").spec(spec(slowBase)).allowHost("127.0.0.1")
                    .timeout(java.time.Duration.ofMillis(500)).build();
            dev.aios.api.ToolResult r = call(pack, "petstore.getPet", Map.of("petId", "1"));
            assertThat(r.error()).isTrue();
            assertThat(r.text()).contains("did not send its whole answer within 500 ms");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void externalReferencesAndNonOpenApiDocumentsAreRefused() {
        String external = spec(base).replace("'#/components/schemas/NewPet'", "'http://evil.example/pet.yaml'");
        assertThatThrownBy(() -> OpenApiPack.builder("petstore").spec(external).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("external document")
                .hasMessageContaining("evil.example");
        String file = spec(base).replace("'#/components/schemas/NewPet'", "'pet.yaml#/NewPet'");
        assertThatThrownBy(() -> OpenApiPack.builder("petstore").spec(file).build())
                .hasMessageContaining("external document");
        assertThatThrownBy(() -> OpenApiPack.builder("petstore").spec("swagger: '2.0'\ninfo: {title: x}\n").build())
                .hasMessageContaining("not an OpenAPI 3 document");
        assertThatThrownBy(() -> OpenApiPack.builder("petstore").build()).hasMessageContaining("spec(Path)");
    }
}
