package dev.aios.routing.internal;

import dev.aios.api.BrainRequest;
import dev.aios.api.BrainTicket;
import org.jspecify.annotations.Nullable;

/**
 * A learned router's ticket: what its verdict needs to teach the router without the router
 * remembering anything per call: which router issued it, which brain really answered, and the
 * features the decision was made on (null when there was no choice to make; then they are
 * computed from the request when the verdict comes).
 */
final class LearnedTicket extends BrainTicket {
    final LearnedRouting issuer;
    final int answeredBy;
    final BrainRequest request;
    final float @Nullable [] features;

    LearnedTicket(LearnedRouting issuer, String brain, int answeredBy, BrainRequest request,
            float @Nullable [] features) {
        super(brain, request.purpose());
        this.issuer = issuer;
        this.answeredBy = answeredBy;
        this.request = request;
        this.features = features;
    }
}
