/**
 * The machinery behind {@link dev.aios.routing.LearnedBrainRouter} and
 * {@link dev.aios.routing.TextClassifier}: prompt features, the online
 * acceptance models, the fallback chat model, circuit breakers, the ledger, the state files.
 * Not an API: anything here may change in any release.
 */
package dev.aios.routing.internal;
