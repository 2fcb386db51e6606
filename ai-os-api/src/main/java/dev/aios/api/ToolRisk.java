package dev.aios.api;

/**
 * What calling a tool may do to the world, as the gate sees it. Comes from MCP tool annotations
 * ({@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint}, {@code openWorldHint})
 * or from the Java declaration of an in-process tool. A tool whose risk nobody declared gets
 * {@link #UNKNOWN}: side-effecting, open-world, not idempotent.
 *
 * @param level how much the call may change
 * @param openWorld whether the call reaches beyond this machine (the web, a mail server, a
 *     cloud API), so data passed to it leaves the user's control
 * @param idempotent whether calling it twice with the same arguments has the same effect as
 *     once; only idempotent calls are retried
 * @param acceptsIdempotencyKey whether the tool honours {@link ToolCall#idempotencyKey()}: a
 *     second call with the key of an earlier one does nothing new and answers as the first did.
 *     A durable run re-sends such a call, with the same key, when a crash left it unclear
 *     whether the call happened; any other call that is not idempotent waits for a person.
 */
public record ToolRisk(Level level, boolean openWorld, boolean idempotent, boolean acceptsIdempotencyKey) {

    /** How much a call may change, from least to most. */
    public enum Level {
        /** Reads only; changes nothing. */
        READ_ONLY,
        /** Changes something that can be changed back (writes a file, files a ticket). */
        SIDE_EFFECTING,
        /** Changes something that cannot be undone (deletes, sends, pays). */
        DESTRUCTIVE
    }

    /** Local, read-only and idempotent: a lookup. */
    public static final ToolRisk READ_ONLY = new ToolRisk(Level.READ_ONLY, false, true);

    /** Local, side-effecting, not idempotent. */
    public static final ToolRisk SIDE_EFFECTING = new ToolRisk(Level.SIDE_EFFECTING, false, false);

    /** Local, destructive, not idempotent. */
    public static final ToolRisk DESTRUCTIVE = new ToolRisk(Level.DESTRUCTIVE, false, false);

    /** The safe assumption for a tool that declared nothing. */
    public static final ToolRisk UNKNOWN = new ToolRisk(Level.SIDE_EFFECTING, true, false);

    /** Validates. */
    public ToolRisk {
        Checks.notNull(level, "risk level");
    }

    /** A risk whose tool takes no idempotency key. */
    public ToolRisk(Level level, boolean openWorld, boolean idempotent) {
        this(level, openWorld, idempotent, false);
    }

    /** @return a copy that reaches beyond this machine */
    public ToolRisk withOpenWorld() {
        return new ToolRisk(level, true, idempotent, acceptsIdempotencyKey);
    }

    /** @return a copy that is safe to retry */
    public ToolRisk withIdempotent() {
        return new ToolRisk(level, openWorld, true, acceptsIdempotencyKey);
    }

    /** @return a copy whose tool honours {@link ToolCall#idempotencyKey()} */
    public ToolRisk withIdempotencyKey() {
        return new ToolRisk(level, openWorld, idempotent, true);
    }

    /** @return whether the call only reads */
    public boolean readOnly() {
        return level == Level.READ_ONLY;
    }
}
