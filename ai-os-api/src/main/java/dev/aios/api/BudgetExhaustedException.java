package dev.aios.api;

/**
 * Thrown inside a run (never out of {@code Agent.run}) when one of the goal's budgets is spent;
 * the runtime turns it into a {@link RunStatus#BUDGET_EXHAUSTED} outcome with a partial result.
 */
public final class BudgetExhaustedException extends AiOsException {
    private static final long serialVersionUID = 1L;

    private final Budget.Kind kind;

    /**
     * @param kind which budget ran out
     * @param message how much was allowed and how much was used
     */
    public BudgetExhaustedException(Budget.Kind kind, String message) {
        super(message, false, null);
        this.kind = kind;
    }

    /** @return which budget ran out */
    public Budget.Kind kind() {
        return kind;
    }
}
