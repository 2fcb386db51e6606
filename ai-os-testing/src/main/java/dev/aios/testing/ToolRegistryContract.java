package dev.aios.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.testing.FakeTools.FakeTool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ToolRegistry} must do, as JUnit 5 tests to extend: the tools it lists are the
 * tools it finds, with their descriptions and risks as given; a call reaches the tool once, with
 * its arguments; a tool's failure comes back as a failed result (or, for a tool whose code throws,
 * at most an {@link AiOsException}), never as some other exception; a call to a tool that does
 * not exist fails in words that name it and what there is; and a call whose arguments do not fit
 * the tool's input schema (a required argument missing) is a failed result that names the
 * argument, and never reaches the tool.
 *
 * <p>To check a registry, extend this class in your tests and build the registry from the fake
 * tools you are given. Each test gets fresh fakes that record their calls; a registry that is
 * {@link AutoCloseable} is closed after each test.
 * {@snippet :
 * class MyToolRegistryContractTest extends ToolRegistryContract {
 *     @Override
 *     protected ToolRegistry registryOf(List<FakeTools.FakeTool> tools) {
 *         MyToolRegistry.Builder builder = MyToolRegistry.builder();
 *         for (FakeTools.FakeTool tool : tools) {
 *             builder.add(tool.descriptor(), tool::call);   // your registry's way to run Java code
 *         }
 *         return builder.build();
 *     }
 * }
 * }
 * A registry that names tools its own way (a server prefix, say) overrides {@link #nameOf}.
 */
public abstract class ToolRegistryContract {
    /** A name no fake tool has. */
    protected static final String UNKNOWN_TOOL = "nosuch.tool";

    private FakeTools fakes = FakeTools.builder().build();
    private @Nullable ToolRegistry registry;

    /**
     * Builds the registry under test from {@code tools}: each must be offered with its descriptor
     * (name as {@link #nameOf} says), and a call to it must run {@link FakeTool#call}.
     *
     * @param tools the fake tools of this test
     * @return the registry; closed after the test if it is {@link AutoCloseable}
     * @throws Exception anything; the test fails with it
     */
    protected abstract ToolRegistry registryOf(List<FakeTool> tools) throws Exception;

    /**
     * @return the name under which the registry offers {@code tool}; by default its own name
     */
    protected String nameOf(FakeTool tool) {
        return tool.name();
    }

    /**
     * @return the fake tools every test starts from; override to use your own, which must include
     *     one of each {@link FakeTools.Behaviour} and one with a required argument
     *     ({@link FakeTools.Builder#echoRequiring})
     */
    protected FakeTools fakeTools() {
        return FakeTools.builder()
                .echo("notes.search", ToolRisk.READ_ONLY)
                .echo("mail.draft", ToolRisk.SIDE_EFFECTING)
                .echo("files.delete", ToolRisk.DESTRUCTIVE)
                .echo("web.fetch", ToolRisk.UNKNOWN)
                .echoRequiring("calendar.add", ToolRisk.SIDE_EFFECTING, "title")
                .failing("tracker.file", ToolRisk.SIDE_EFFECTING, "the tracker refused the task")
                .throwing("calendar.sync", ToolRisk.READ_ONLY, "calendar offline")
                .build();
    }

    @BeforeEach
    final void buildRegistry() throws Exception {
        fakes = fakeTools();
        registry = registryOf(fakes.tools());
    }

    @AfterEach
    final void closeRegistry() throws Exception {
        if (registry instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** @return the registry under test */
    protected final ToolRegistry registry() {
        return java.util.Objects.requireNonNull(registry, "registry");
    }

    /** @return the fakes of the current test */
    protected final FakeTools fakes() {
        return fakes;
    }

    @Test
    void listsEveryToolItWasGivenAndFindsEachByName() {
        List<String> expected = fakes.tools().stream().map(this::nameOf).toList();
        assertThat(registry().tools()).extracting(ToolDescriptor::name).containsExactlyInAnyOrderElementsOf(expected);
        for (ToolDescriptor listed : registry().tools()) {
            assertThat(registry().find(listed.name())).as("find(%s)", listed.name()).contains(listed);
        }
        assertThat(registry().find(UNKNOWN_TOOL)).isEmpty();
    }

    @Test
    void keepsEachToolsRiskAndDescription() {
        for (FakeTool fake : fakes.tools()) {
            ToolDescriptor found = registry().find(nameOf(fake)).orElseThrow();
            assertThat(found.risk()).as("risk of %s", fake.name()).isEqualTo(fake.descriptor().risk());
            assertThat(found.description()).as("description of %s", fake.name())
                    .isEqualTo(fake.descriptor().description());
        }
    }

    @Test
    void passesTheArgumentsThroughToTheTool() {
        FakeTool echo = firstWith(FakeTools.Behaviour.ECHO);
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("text", "quarterly report");
        arguments.put("limit", 3);
        arguments.put("tags", List.of("finance", "q3"));

        ToolResult result = registry().call(new ToolCall("run-1/s1", nameOf(echo), arguments));

        assertThat(result).isEqualTo(ToolResult.success(echo.name() + ":quarterly report"));
        assertThat(echo.calls()).containsExactly(arguments);
    }

    @Test
    void aToolThatReportsFailureIsAFailedResultNotAnException() {
        FakeTool failing = firstWith(FakeTools.Behaviour.FAIL);

        ToolResult result = registry().call(new ToolCall("run-1/s1", nameOf(failing), Map.of("text", "x")));

        assertThat(result.error()).isTrue();
        assertThat(result.text()).contains(failing.message());
    }

    @Test
    void aToolWhoseCodeThrowsFailsWithoutLeakingTheException() {
        FakeTool throwing = firstWith(FakeTools.Behaviour.THROW);
        ToolResult[] result = new ToolResult[1];

        Throwable thrown = catchThrowable(() -> result[0] = registry().call(
                new ToolCall("run-1/s1", nameOf(throwing), Map.of())));

        if (thrown != null) {
            assertThat(thrown).as("ToolRegistry.call may throw only AiOsException").isInstanceOf(AiOsException.class);
        } else {
            assertThat(result[0].error()).isTrue();
            assertThat(result[0].text()).contains(throwing.message());
        }
    }

    @Test
    void aCallToAnUnknownToolNamesItAndWhatIsAvailable() {
        ToolResult[] result = new ToolResult[1];

        Throwable thrown = catchThrowable(() -> result[0] = registry().call(
                new ToolCall("run-1/s1", UNKNOWN_TOOL, Map.of())));

        String text;
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(AiOsException.class);
            text = thrown.getMessage();
        } else {
            assertThat(result[0].error()).as("a call to an unknown tool must not succeed").isTrue();
            text = result[0].text();
        }
        assertThat(text).contains(UNKNOWN_TOOL).contains(nameOf(fakes.tools().getFirst()));
        assertThat(fakes.totalCalls()).isZero();
    }

    @Test
    void aCallMissingARequiredArgumentIsAFailedResultThatNamesItAndNeverReachesTheTool() {
        FakeTool requiring = fakes.tools().stream().filter(t -> !t.requiredArguments().isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalStateException("fakeTools() must include a tool with a required "
                        + "argument (FakeTools.Builder.echoRequiring)"));
        String missing = requiring.requiredArguments().getFirst();
        ToolResult[] result = new ToolResult[1];

        Throwable thrown = catchThrowable(() -> result[0] = registry().call(
                new ToolCall("run-1/s1", nameOf(requiring), Map.of("text", "no " + missing))));

        assertThat(thrown).as("a call with invalid arguments must be a failed result, not an exception").isNull();
        assertThat(result[0].error()).as("a call missing required argument '%s' must fail", missing).isTrue();
        assertThat(result[0].text()).as("the error must name the missing argument").contains(missing);
        assertThat(requiring.calls()).as("calls that reached %s", requiring.name()).isEmpty();
        assertThat(fakes.totalCalls()).isZero();
    }

    @Test
    void everyCallReachesItsToolExactlyOnceEvenWhenItFails() {
        for (FakeTool fake : fakes.tools()) {
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("text", "once");
            fake.requiredArguments().forEach(required -> arguments.put(required, "given"));
            catchThrowable(() -> registry().call(new ToolCall("run-1/" + fake.name(), nameOf(fake), arguments)));
        }
        for (FakeTool fake : fakes.tools()) {
            assertThat(fake.calls()).as("calls received by %s", fake.name()).hasSize(1);
        }
    }

    @Test
    void concurrentCallsEachReachTheToolOnce() throws Exception {
        FakeTool echo = firstWith(FakeTools.Behaviour.ECHO);
        int calls = 64;
        List<Future<ToolResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                String text = "call " + i;
                results.add(pool.submit(() -> registry().call(new ToolCall("run-1/s" + text.hashCode(),
                        nameOf(echo), Map.of("text", text)))));
            }
        }
        for (int i = 0; i < calls; i++) {
            assertThat(results.get(i).get()).isEqualTo(ToolResult.success(echo.name() + ":call " + i));
        }
        assertThat(echo.calls()).hasSize(calls);
    }

    @Test
    void searchReturnsAtMostKOfItsOwnTools() {
        List<String> names = registry().tools().stream().map(ToolDescriptor::name).toList();
        assertThat(registry().search("search my notes", 2)).hasSizeLessThanOrEqualTo(2)
                .extracting(ToolDescriptor::name).isSubsetOf(names);
    }

    private FakeTool firstWith(FakeTools.Behaviour behaviour) {
        return fakes.tools().stream().filter(t -> t.behaviour() == behaviour).findFirst()
                .orElseThrow(() -> new IllegalStateException("fakeTools() must include a tool that does " + behaviour));
    }
}
