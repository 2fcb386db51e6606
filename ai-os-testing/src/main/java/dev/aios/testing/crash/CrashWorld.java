package dev.aios.testing.crash;

import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.spi.PlanningRequest;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.RunContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The world of a crash test: three tools whose real effects go to an {@link EffectLedger}, and a code planner
 * whose every run makes {@value #EFFECTS_PER_RUN} effects.
 *
 * <p>Tools: {@code notes.read} (read-only, no effect), {@code ticket.file} (side-effecting with an idempotency
 * key: at most one ticket per key) and {@code mail.send} (side-effecting, plain: every call sends). A call's
 * id is {@code run/step}; each call pauses a random moment before and after its effect, so a kill at a random
 * moment often lands in the middle of one.
 *
 * <p>The plan: two reads, two keyed tickets in parallel (each after its read), a plain mail after both
 * tickets, and a final keyed ticket after the mail.
 */
public final class CrashWorld {
    /** The tools' input schema: one string, {@code text}. */
    public static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}";

    /** The tools that make effects; a step calling one of them that completed must have its effect. */
    public static final Set<String> SIDE_EFFECTING = Set.of("ticket.file", "mail.send");

    /** The effects every finished run of {@link #planner()} has made: three tickets and a mail. */
    public static final int EFFECTS_PER_RUN = 4;

    private CrashWorld() {}

    /**
     * The tools a worker's agent calls.
     *
     * @param ledger where their effects go
     * @param minPauseMicros the shortest pause before and after each call's effect
     * @param maxPauseMicros the longest pause (exclusive)
     */
    public static ToolRegistry tools(EffectLedger ledger, int minPauseMicros, int maxPauseMicros) {
        return new Tools(ledger, minPauseMicros, maxPauseMicros);
    }

    /**
     * The same tools for a parent that only reads recorded outcomes: they describe the calls, and every call
     * fails and is counted, so the parent can assert it made none.
     *
     * @param calls counts the calls made
     */
    public static ToolRegistry describedOnly(AtomicInteger calls) {
        return new ToolRegistry() {
            @Override
            public List<ToolDescriptor> tools() {
                return descriptors();
            }

            @Override
            public ToolResult call(ToolCall call) {
                calls.incrementAndGet();
                return ToolResult.failure("the parent makes no calls");
            }
        };
    }

    /** The six-step code planner (no brain): the same plan for every goal. */
    public static Planner planner() {
        return new SixSteps();
    }

    private static List<ToolDescriptor> descriptors() {
        return List.of(
                new ToolDescriptor("notes.read", "reads a note", SCHEMA, ToolRisk.READ_ONLY),
                new ToolDescriptor("ticket.file", "files a ticket once per idempotency key", SCHEMA,
                        ToolRisk.SIDE_EFFECTING.withIdempotencyKey()),
                new ToolDescriptor("mail.send", "sends a mail", SCHEMA, ToolRisk.SIDE_EFFECTING));
    }

    /** notes.read (read-only), ticket.file (keyed side effect), mail.send (plain side effect). */
    private static final class Tools implements ToolRegistry {
        private final EffectLedger ledger;
        private final int minPauseMicros;
        private final int maxPauseMicros;

        Tools(EffectLedger ledger, int minPauseMicros, int maxPauseMicros) {
            this.ledger = ledger;
            this.minPauseMicros = minPauseMicros;
            this.maxPauseMicros = maxPauseMicros;
        }

        @Override
        public List<ToolDescriptor> tools() {
            return descriptors();
        }

        @Override
        public ToolResult call(ToolCall call) {
            pause();
            String id = call.id();
            int slash = id.lastIndexOf('/');
            String run = id.substring(0, slash);
            String step = id.substring(slash + 1);
            @Nullable String key = call.idempotencyKey();
            ToolResult result = switch (call.tool()) {
                case "notes.read" -> ToolResult.success("note " + call.arguments().get("text"));
                case "ticket.file" -> {
                    boolean applied = ledger.apply(run, step, call.tool(), String.valueOf(key), true);
                    yield ToolResult.success("ticket " + key + (applied ? " filed" : " was filed"));
                }
                case "mail.send" -> {
                    ledger.apply(run, step, call.tool(), String.valueOf(key), false);
                    yield ToolResult.success("sent");
                }
                default -> ToolResult.failure("no such tool " + call.tool());
            };
            pause();
            return result;
        }

        private void pause() {
            try {
                TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(minPauseMicros, maxPauseMicros));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Two reads, two parallel keyed tickets, a plain mail after both, a final keyed ticket. */
    private static final class SixSteps implements Planner {
        @Override
        public String name() {
            return "six-steps";
        }

        @Override
        public Plan plan(PlanningRequest request, RunContext run) {
            return new Plan(List.of(
                    PlanStep.call("readA", "notes.read", Map.of("text", "a")),
                    PlanStep.call("readB", "notes.read", Map.of("text", "b")),
                    PlanStep.call("fileA", "ticket.file", Map.of("text", "A {{readA}}")).after("readA"),
                    PlanStep.call("fileB", "ticket.file", Map.of("text", "B {{readB}}")).after("readB"),
                    PlanStep.call("mail", "mail.send", Map.of("text", "filed")).after("fileA", "fileB"),
                    PlanStep.call("close", "ticket.file", Map.of("text", "close")).after("mail")), "done", "");
        }
    }
}
