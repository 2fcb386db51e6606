package dev.aios.routing;

import dev.aios.api.Brain;
import dev.aios.api.BrainRouter;
import dev.aios.testing.BrainRouterContract;
import java.util.List;

/** The learned router keeps the brain router contract (no exploration, the shared embedding model). */
class LearnedBrainRouterContractTest extends BrainRouterContract {
    @Override
    protected BrainRouter router(List<Brain> brains) {
        return Fixtures.router().brains(brains).build();
    }
}
