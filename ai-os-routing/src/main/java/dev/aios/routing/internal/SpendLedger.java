package dev.aios.routing.internal;

import dev.aios.api.AnswerVerdict;
import dev.aios.api.Usage;
import dev.aios.routing.BrainStats;
import dev.aios.routing.RoutingReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The one place a learned router's spending is counted: per brain calls, failures, tokens,
 * latency, escalations, fallbacks and verdicts; what answers cost, and what they would have cost
 * on the dearest brain allowed; today's spend against the daily budget, rolled over at midnight in
 * the clock's zone. Thread-safe (its own lock, never held while calling out).
 */
final class SpendLedger {
    // Counter slots per brain; their order is the state file's, so only ever append.
    static final int CALLS = 0;
    static final int FAILURES = 1;
    static final int IN = 2;
    static final int OUT = 3;
    static final int LATENCY = 4;
    static final int ESCALATIONS = 5;
    static final int FALLBACKS = 6;
    static final int ACCEPTED = 7;
    static final int REJECTED = 8;
    static final int COUNTERS = 9;

    private final BrainTable table;
    private final @Nullable BigDecimal dailyBudget;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final long[][] counters;
    private final BigDecimal[] cost;
    private BigDecimal costIfStrongest = BigDecimal.ZERO;
    private BigDecimal spentToday = BigDecimal.ZERO;
    private long day;
    private long dayEndsAtMillis;
    // Read on the routing path without the lock: a stale read lets at most one more paid call through.
    private volatile boolean overDailyBudget;

    SpendLedger(BrainTable table, @Nullable BigDecimal dailyBudget, Clock clock) {
        this.table = table;
        this.dailyBudget = dailyBudget;
        this.clock = clock;
        counters = new long[table.size()][COUNTERS];
        cost = new BigDecimal[table.size()];
        java.util.Arrays.fill(cost, BigDecimal.ZERO);
        startDay(clock.millis());
    }

    /** @return whether today's spending reached the daily budget (rolls the day over first) */
    boolean overDailyBudget() {
        if (dailyBudget == null) {
            return false;
        }
        long now = clock.millis();
        if (now >= dayEndsAtMillis) {
            lock.lock();
            try {
                if (now >= dayEndsAtMillis) {
                    startDay(now);
                    spentToday = BigDecimal.ZERO;
                    overDailyBudget = false;
                }
            } finally {
                lock.unlock();
            }
        }
        return overDailyBudget;
    }

    /** @return why a paid brain is ruled out by the daily budget, for the no-brain error */
    String dailyBudgetReason() {
        lock.lock();
        try {
            return "the daily budget of " + dailyBudget + " is spent (" + spentToday + " today)";
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts one answered call.
     *
     * @param brain the brain that answered
     * @param fallback whether it answered in place of the chosen brain
     * @param usage the call's tokens and cost
     * @param allowed the brains the request allowed, to price the call on the dearest of them
     * @param nanos how long the answer took
     */
    void answered(int brain, boolean fallback, Usage usage, long allowed, long nanos) {
        int dearest = table.dearest(allowed, brain);
        BigDecimal ifStrongest = table.brains[dearest].profile().cost(usage.inputTokens(), usage.outputTokens());
        lock.lock();
        try {
            long[] c = counters[brain];
            c[CALLS]++;
            c[IN] += usage.inputTokens();
            c[OUT] += usage.outputTokens();
            c[LATENCY] += nanos;
            if (fallback) {
                c[FALLBACKS]++;
            }
            cost[brain] = cost[brain].add(usage.cost());
            costIfStrongest = costIfStrongest.add(ifStrongest);
            overDailyBudget(); // rolls the day over first if midnight passed
            spentToday = spentToday.add(usage.cost());
            overDailyBudget = dailyBudget != null && spentToday.compareTo(dailyBudget) >= 0;
        } finally {
            lock.unlock();
        }
    }

    /** Counts one failed try (an error, a timeout, a broken stream) of {@code brain}. */
    void failed(int brain) {
        count(brain, FAILURES);
    }

    /** Counts a request sent to {@code brain} because a weaker brain's answer was rejected. */
    void escalated(int brain) {
        count(brain, ESCALATIONS);
    }

    /** Counts a verdict on {@code brain}'s answer. */
    void verdict(int brain, AnswerVerdict verdict) {
        count(brain, verdict == AnswerVerdict.ACCEPTED ? ACCEPTED : REJECTED);
    }

    private void count(int brain, int slot) {
        lock.lock();
        try {
            counters[brain][slot]++;
        } finally {
            lock.unlock();
        }
    }

    RoutingReport report() {
        lock.lock();
        try {
            List<BrainStats> stats = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < table.size(); i++) {
                long[] c = counters[i];
                stats.add(new BrainStats(table.name(i), c[CALLS], c[FAILURES], c[IN], c[OUT], cost[i],
                        Duration.ofNanos(c[LATENCY]), c[ESCALATIONS], c[FALLBACKS], c[ACCEPTED], c[REJECTED]));
                total = total.add(cost[i]);
            }
            return new RoutingReport(stats, total, costIfStrongest, spentToday);
        } finally {
            lock.unlock();
        }
    }

    // ---- state ------------------------------------------------------------------------------

    /** What the state file keeps of the ledger, copied under the lock. */
    record Saved(long day, BigDecimal spentToday, BigDecimal costIfStrongest, long[][] counters, BigDecimal[] cost) {}

    Saved save() {
        lock.lock();
        try {
            long[][] copy = new long[counters.length][];
            for (int i = 0; i < counters.length; i++) {
                copy[i] = counters[i].clone();
            }
            return new Saved(day, spentToday, costIfStrongest, copy, cost.clone());
        } finally {
            lock.unlock();
        }
    }

    /** Restores today's spend (when the state is from today), the comparison total, and one brain's counters. */
    void restore(long savedDay, BigDecimal savedSpentToday, BigDecimal savedCostIfStrongest) {
        lock.lock();
        try {
            if (savedDay == day) {
                spentToday = savedSpentToday;
                overDailyBudget = dailyBudget != null && spentToday.compareTo(dailyBudget) >= 0;
            }
            costIfStrongest = savedCostIfStrongest;
        } finally {
            lock.unlock();
        }
    }

    void restoreBrain(int brain, long[] savedCounters, BigDecimal savedCost) {
        lock.lock();
        try {
            System.arraycopy(savedCounters, 0, counters[brain], 0, Math.min(COUNTERS, savedCounters.length));
            cost[brain] = savedCost;
        } finally {
            lock.unlock();
        }
    }

    private void startDay(long nowMillis) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(nowMillis), clock.getZone());
        day = today.toEpochDay();
        dayEndsAtMillis = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant().toEpochMilli();
    }
}
