/**
 * The machinery behind {@link dev.aios.routing.LearnedBrainRouter} and
 * {@link dev.aios.routing.TextClassifier}: prompt features, the online
 * acceptance models, the routing policy, the resilient caller and its circuit breakers, the
 * spend ledger, the state files.
 * Not an API: anything here may change in any release.
 */
@NullMarked
package dev.aios.routing.internal;

import org.jspecify.annotations.NullMarked;
