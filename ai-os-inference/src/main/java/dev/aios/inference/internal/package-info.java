/**
 * The machinery behind {@link dev.aios.inference.LearnedBrainRouter}: prompt features, the online
 * acceptance models, the fallback chat model, circuit breakers, the ledger and the state file.
 * Not an API: anything here may change in any release.
 */
package dev.aios.inference.internal;
