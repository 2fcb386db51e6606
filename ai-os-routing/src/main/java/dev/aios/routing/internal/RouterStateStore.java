package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a learned router's estimates and ledger across restarts: restores them from the state
 * file when the router is built, writes them on request and after every {@code saveEvery}
 * verdicts. A failed write after a verdict is logged, never thrown: learning must not fail a run.
 */
final class RouterStateStore {
    private static final Logger log = LoggerFactory.getLogger(RouterStateStore.class);

    private final @Nullable Path file;
    private final int saveEvery;
    private final BrainTable table;
    private final RoutingPolicy policy;
    private final SpendLedger ledger;
    private final Object writing = new Object();
    private long verdictsSinceSave;

    RouterStateStore(@Nullable Path file, int saveEvery, BrainTable table, RoutingPolicy policy, SpendLedger ledger) {
        this.file = file;
        this.saveEvery = saveEvery;
        this.table = table;
        this.policy = policy;
        this.ledger = ledger;
    }

    /** Restores the state file's estimates and ledger, when there is one. */
    void restoreIfPresent() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        RouterState state = RouterState.read(file);
        int dimension = policy.dimension();
        if (state.dimension != dimension) {
            log.warn("router state {} was learned with {} features, this router uses {} (another embedding model?);"
                    + " starting with fresh estimates and keeping the ledger", file, state.dimension, dimension);
        }
        policy.restoreLambda(state.lambda);
        ledger.restore(state.day, state.spentToday, state.costIfStrongest);
        for (int i = 0; i < table.size(); i++) {
            RouterState.BrainState saved = state.brains.get(table.name(i));
            if (saved == null) {
                continue;
            }
            if (state.dimension == dimension) {
                policy.restoreModel(i, saved.weights(), saved.squaredGradients(), saved.updates());
            }
            ledger.restoreBrain(i, saved.counters(), saved.cost());
        }
        log.info("router state restored from {} ({} brains known)", file, state.brains.size());
    }

    /** Writes the state file now. */
    void save() {
        if (file == null) {
            throw AiOsException.permanent("this router has no stateFile to save to; set one with"
                    + " LearnedBrainRouter.builder().stateFile(path)");
        }
        synchronized (writing) {
            verdictsSinceSave = 0;
            snapshot().write(file);
        }
    }

    /** Counts one learned verdict; writes the state quietly when {@code saveEvery} are due. */
    void verdictLearned() {
        if (file == null) {
            return;
        }
        synchronized (writing) {
            if (++verdictsSinceSave < saveEvery) {
                return;
            }
            verdictsSinceSave = 0;
            try {
                snapshot().write(file);
            } catch (AiOsException e) {
                // Learning must not fail a run; the next save tries again.
                log.warn("{}", e.getMessage());
            }
        }
    }

    private RouterState snapshot() {
        RoutingPolicy.Saved models = policy.save();
        SpendLedger.Saved books = ledger.save();
        Map<String, RouterState.BrainState> brains = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            brains.put(table.name(i), new RouterState.BrainState(table.name(i), models.weights()[i],
                    models.squaredGradients()[i], models.updates()[i], books.counters()[i], books.cost()[i]));
        }
        return new RouterState(policy.dimension(), models.lambda(), books.day(), books.spentToday(),
                books.costIfStrongest(), brains);
    }
}
