package dev.aios.toolpacks;

import dev.aios.api.Budget;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.GoalScheduler;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.TimeAmounts;
import dev.aios.toolpacks.internal.TimePhrases;
import dev.aios.toolpacks.internal.ToolHandlers;
import dev.aios.tools.ToolHandler;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Tools that start other agents: run a sub-goal now with its own budget (never above the
 * builder's ceiling), or schedule a goal for a time or an interval, list and cancel schedules.
 * The host supplies the runner (usually its agent's {@code run}); without one every tool is
 * refused. Schedules live in memory, on virtual threads; a host persists them by listening
 * ({@link Builder#onSchedulesChanged}). A sub-run's answer is labelled untrusted (it may quote
 * what the sub-agent read).
 * {@snippet :
 * ToolPack agents = AgentsPack.builder()
 *         .runner(agent::run)
 *         .ceiling(Budget.defaults().withMaxSteps(20))  // default: Budget.defaults()
 *         .maxSchedules(20)                             // the default
 *         .minInterval(Duration.ofMinutes(5))           // default 1 minute
 *         .build();
 * }
 */
public final class AgentsPack {
    private AgentsPack() {}

    /** @return a builder; no runner by default (every tool is refused until one is set) */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures an agents pack. */
    public static final class Builder {
        private @Nullable Function<Goal, RunOutcome> runner;
        private Budget ceiling = Budget.defaults();
        private int maxSchedules = 20;
        private Duration minInterval = Duration.ofMinutes(1);
        private Consumer<List<GoalScheduler.Entry>> listener = list -> {};
        private ZoneId zone = ZoneId.systemDefault();

        private Builder() {}

        /** Sets what runs a goal to its outcome (none by default: every tool is refused). */
        public Builder runner(Function<Goal, RunOutcome> runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** Sets the most budget a sub-goal may have; arguments only lower it (default {@link Budget#defaults()}). */
        public Builder ceiling(Budget ceiling) {
            this.ceiling = Objects.requireNonNull(ceiling, "ceiling");
            return this;
        }

        /** Sets the most schedules kept at once (default 20). */
        public Builder maxSchedules(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxSchedules must be >= 0, was " + max);
            }
            this.maxSchedules = max;
            return this;
        }

        /** Sets the shortest interval of a repeated schedule (default 1 minute). */
        public Builder minInterval(Duration interval) {
            Objects.requireNonNull(interval, "minInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("minInterval must be positive, was " + interval);
            }
            this.minInterval = interval;
            return this;
        }

        /** Sets the zone a schedule's time phrase is read in (default: the system's). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * Sets a listener told the whole list of schedules (id, goal, next run, interval, runs,
         * last status) after every change, for a host that persists them. It must not throw.
         */
        public Builder onSchedulesChanged(Consumer<List<Map<String, Object>>> listener) {
            Objects.requireNonNull(listener, "listener");
            this.listener = list -> listener.accept(list.stream().map(AgentsPack::describe).toList());
            return this;
        }

        /** @return the pack {@code agent} */
        public ToolPack build() {
            return new Tools(runner, ceiling, maxSchedules, minInterval, zone, listener).pack();
        }
    }

    private static final class Tools {
        private final @Nullable Function<Goal, RunOutcome> runner;
        private final Budget ceiling;
        private final int maxSchedules;
        private final Duration minInterval;
        private final ZoneId zone;
        private final @Nullable GoalScheduler scheduler;
        private final Map<String, String> byKey = new ConcurrentHashMap<>();

        Tools(@Nullable Function<Goal, RunOutcome> runner, Budget ceiling, int maxSchedules, Duration minInterval,
                ZoneId zone, Consumer<List<GoalScheduler.Entry>> listener) {
            this.runner = runner;
            this.ceiling = ceiling;
            this.maxSchedules = maxSchedules;
            this.minInterval = minInterval;
            this.zone = zone;
            this.scheduler = runner == null ? null
                    : new GoalScheduler(runner, text -> Goal.builder(text).budget(ceiling).build(), listener);
        }

        ToolPack pack() {
            return Pack.named("agent").examples(AgentsPack.class)
                    .tool("agent.spawn", "Hand a sub-task to a helper sub-agent that works on it now, within its"
                            + " own step, time and cost limits, and return how it ended and its answer.",
                            Schema.object().string("goal", "what the sub-agent should achieve, in words")
                                    .integer("maxSteps", "the most steps (default and cap: the host's)")
                                    .integer("maxSeconds", "the most seconds (default and cap: the host's)")
                                    .number("maxCost", "the most money on model calls (default and cap: the host's)")
                                    .bool("private", "keep the sub-goal's data on this machine (default false)")
                                    .required("goal").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, false), Pack.Output.OUTSIDE, this::spawn)
                    .tool("agent.schedule", "Schedule a task (goal) for the agent to run later at a given time, or"
                            + " repeatedly every interval (optionally from a time); returns its id.",
                            Schema.object().string("goal", "what to achieve, in words")
                                    .string("at", "when, ISO or a phrase such as 'tomorrow 9am'; default now")
                                    .string("every", "repeat interval such as '1 hour' or 'P1D'; default once")
                                    .required("goal").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, false, true), Pack.Output.COMPUTED,
                            ToolHandler.ofCall(this::schedule))
                    .tool("agent.schedules", "List the scheduled tasks (goals): id, goal, next run time, repeat"
                            + " interval and how many times each has run.",
                            Schema.object().json(), ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, args -> {
                                List<Map<String, Object>> out = need().list().stream().map(AgentsPack::describe).toList();
                                return ToolResult.success(out.isEmpty() ? "no goals are scheduled" : Json.text(out));
                            })
                    .tool("agent.unschedule", "Cancel (stop) a scheduled task by its id, so that it no longer runs.",
                            Schema.object().string("id", "the schedule's id").required("id").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true), Pack.Output.COMPUTED, args -> {
                                String id = Args.string(args, "id");
                                if (!need().cancel(id)) {
                                    throw new IllegalArgumentException("argument 'id': no scheduled goal with id " + id);
                                }
                                return ToolResult.success("cancelled scheduled goal " + id);
                            })
                    .build();
        }

        private GoalScheduler need() {
            ToolHandlers.require(scheduler != null, "no agent runner is configured, so sub-goals cannot run; the host"
                    + " sets one with AgentsPack.builder().runner(agent::run)");
            return Objects.requireNonNull(scheduler);
        }

        private ToolResult spawn(Map<String, Object> args) {
            need();
            Budget budget = ceiling;
            long steps = Args.integer(args, "maxSteps", ceiling.maxSteps());
            if (steps < 1) {
                throw new IllegalArgumentException("argument 'maxSteps' must be >= 1");
            }
            budget = budget.withMaxSteps((int) Math.min(steps, ceiling.maxSteps()));
            long seconds = Args.integer(args, "maxSeconds", ceiling.maxWallTime().toSeconds());
            if (seconds < 1) {
                throw new IllegalArgumentException("argument 'maxSeconds' must be >= 1");
            }
            budget = budget.withMaxWallTime(Duration.ofSeconds(seconds).compareTo(ceiling.maxWallTime()) < 0
                    ? Duration.ofSeconds(seconds) : ceiling.maxWallTime());
            if (args.get("maxCost") instanceof Number cost) {
                BigDecimal c = new BigDecimal(cost.toString());
                if (c.signum() < 0) {
                    throw new IllegalArgumentException("argument 'maxCost' must be >= 0");
                }
                budget = budget.withMaxCost(c.min(ceiling.maxCost()));
            }
            Goal.Builder goal = Goal.builder(Args.string(args, "goal")).budget(budget);
            if (Args.bool(args, "private", false)) {
                goal.tag(Goal.PRIVATE);
            }
            RunOutcome outcome = Objects.requireNonNull(runner).apply(goal.build());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", outcome.status().name());
            out.put("answer", ToolHandlers.cut(outcome.answer(), 8000));
            out.put("detail", outcome.detail());
            out.put("steps", outcome.stepsTaken());
            out.put("seconds", outcome.elapsed().toMillis() / 1000.0);
            return outcome.succeeded() ? ToolResult.success(Json.text(out)) : ToolResult.failure(Json.text(out));
        }

        private ToolResult schedule(ToolCall call) {
            GoalScheduler s = need();
            Map<String, Object> args = call.arguments();
            if (call.idempotencyKey() != null && byKey.containsKey(call.idempotencyKey())) {
                String id = byKey.get(call.idempotencyKey());
                return ToolResult.success(Json.text(Map.of("id", id, "note", "already scheduled by this call")));
            }
            String goal = Args.string(args, "goal");
            Goal.builder(goal).budget(ceiling).build(); // the goal must be one the runner can take
            ZonedDateTime now = ZonedDateTime.now(zone);
            Instant at = args.containsKey("at") ? readAt(Args.string(args, "at"), now) : now.toInstant();
            Duration every = null;
            if (args.containsKey("every")) {
                every = TimeAmounts.parse(Args.string(args, "every"), "every").asDuration("every");
                if (every.compareTo(minInterval) < 0) {
                    throw new IllegalArgumentException("argument 'every': " + TimeAmounts.words(every)
                            + " is shorter than the shortest interval allowed, " + TimeAmounts.words(minInterval));
                }
            }
            synchronized (s) {
                if (s.size() >= maxSchedules) {
                    throw new IllegalStateException("there are already " + s.size() + " scheduled goals, the most"
                            + " allowed; cancel one with agent.unschedule first");
                }
                String id = "sched-" + UUID.randomUUID().toString().substring(0, 8);
                s.add(new GoalScheduler.Entry(id, goal, at, every, 0, null));
                if (call.idempotencyKey() != null) {
                    byKey.put(call.idempotencyKey(), id);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", id);
                out.put("next", at.atZone(zone).toOffsetDateTime().toString());
                out.put("every", every == null ? "once" : TimeAmounts.words(every));
                return ToolResult.success(Json.text(out));
            }
        }

        private static Instant readAt(String text, ZonedDateTime now) {
            Instant at;
            try {
                at = TimePhrases.read(text, now).at().toInstant();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument 'at': " + e.getMessage());
            }
            if (at.isBefore(now.toInstant().minusSeconds(60))) {
                throw new IllegalArgumentException("argument 'at': " + at + " is in the past");
            }
            return at;
        }
    }

    private static Map<String, Object> describe(GoalScheduler.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("goal", e.goal());
        m.put("next", e.next().toString());
        m.put("every", e.every() == null ? "once" : TimeAmounts.words(e.every()));
        m.put("runs", e.runs());
        if (e.lastStatus() != null) {
            m.put("lastStatus", e.lastStatus());
        }
        return m;
    }
}
