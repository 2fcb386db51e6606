package dev.aios.testing;

import dev.aios.api.Brain;
import dev.aios.api.BrainRouter;
import java.util.List;

/** The default router, {@link BrainRouter#cheapestFit}, keeps the brain router contract. */
class CheapestFitRouterContractTest extends BrainRouterContract {
    @Override
    protected BrainRouter router(List<Brain> brains) {
        return BrainRouter.cheapestFit(brains);
    }
}
