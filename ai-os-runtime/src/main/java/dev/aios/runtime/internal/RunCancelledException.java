package dev.aios.runtime.internal;

import dev.aios.api.AiOsException;

/** Unwinds a run that the host cancelled; never leaves the runtime. */
final class RunCancelledException extends AiOsException {
    private static final long serialVersionUID = 1L;

    RunCancelledException() {
        super("the run was cancelled", false, null);
    }
}
