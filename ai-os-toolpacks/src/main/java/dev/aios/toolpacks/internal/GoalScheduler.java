package dev.aios.toolpacks.internal;

import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Goals run later, once or every interval, on a scheduled executor whose threads are virtual (a
 * run that waits on a model or a tool holds no platform thread). Kept in memory; every change is
 * handed to a listener so that a host can persist the list.
 */
public final class GoalScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(GoalScheduler.class);

    /** One scheduled goal, as listed. */
    public record Entry(String id, String goal, Instant next, @Nullable Duration every, int runs,
            @Nullable String lastStatus) {}

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1,
            Thread.ofVirtual().name("aios-agent-schedule-", 0).factory());
    private final Function<Goal, RunOutcome> runner;
    private final Function<String, Goal> goals;
    private final Consumer<List<Entry>> listener;
    private final Map<String, Slot> slots = new LinkedHashMap<>();

    private static final class Slot {
        Entry entry;
        @Nullable ScheduledFuture<?> future;

        Slot(Entry entry) {
            this.entry = entry;
        }
    }

    /**
     * @param runner runs a goal to its outcome
     * @param goals makes the goal of a scheduled text (with the budget ceiling)
     * @param listener told the whole list after each change; must not throw
     */
    public GoalScheduler(Function<Goal, RunOutcome> runner, Function<String, Goal> goals, Consumer<List<Entry>> listener) {
        this.runner = runner;
        this.goals = goals;
        this.listener = listener;
    }

    /** Adds a schedule; its first run is at {@code entry.next()} (now if that has passed). */
    public synchronized void add(Entry entry) {
        Slot slot = new Slot(entry);
        slots.put(entry.id(), slot);
        arm(slot);
        changed();
    }

    /** @return whether a schedule with {@code id} existed and is now cancelled */
    public synchronized boolean cancel(String id) {
        Slot slot = slots.remove(id);
        if (slot == null) {
            return false;
        }
        if (slot.future != null) {
            slot.future.cancel(false);
        }
        changed();
        return true;
    }

    /** @return the schedules, in the order they were made */
    public synchronized List<Entry> list() {
        return slots.values().stream().map(s -> s.entry).toList();
    }

    /** @return how many schedules there are */
    public synchronized int size() {
        return slots.size();
    }

    private void arm(Slot slot) {
        long delay = Math.max(0, Duration.between(Instant.now(), slot.entry.next()).toMillis());
        slot.future = executor.schedule(() -> run(slot), delay, TimeUnit.MILLISECONDS);
    }

    private void run(Slot slot) {
        String status;
        try {
            RunOutcome outcome = runner.apply(goals.apply(slot.entry.goal()));
            status = outcome.status().name();
        } catch (RuntimeException e) {
            status = "FAILED: " + e.getClass().getSimpleName();
            LOG.warn("scheduled goal {} failed to run: {}", slot.entry.id(), e.toString());
        }
        synchronized (this) {
            if (slots.get(slot.entry.id()) != slot) {
                return; // cancelled while running
            }
            Entry e = slot.entry;
            if (e.every() == null) {
                slots.remove(e.id());
            } else {
                slot.entry = new Entry(e.id(), e.goal(), Instant.now().plus(e.every()), e.every(), e.runs() + 1, status);
                arm(slot);
            }
            changed();
        }
    }

    private void changed() {
        try {
            listener.accept(list());
        } catch (RuntimeException e) {
            LOG.warn("the schedule listener failed: {}", e.toString());
        }
    }
}
