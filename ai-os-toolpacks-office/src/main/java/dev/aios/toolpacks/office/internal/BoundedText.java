package dev.aios.toolpacks.office.internal;

/**
 * Document text collected up to a limit of characters; what does not fit is counted, so the
 * result can say how much was cut.
 */
final class BoundedText {
    private final StringBuilder text = new StringBuilder();
    private final int limit;
    private long cut;

    BoundedText(int limit) {
        this.limit = limit;
    }

    /** Adds {@code part}, or as much of it as fits; @return whether all of it fitted */
    boolean add(String part) {
        int room = limit - text.length();
        if (part.length() <= room) {
            text.append(part);
            return true;
        }
        text.append(part, 0, Math.max(room, 0));
        cut += part.length() - Math.max(room, 0);
        return false;
    }

    /** @return whether the limit has been reached */
    boolean full() {
        return cut > 0 || text.length() >= limit;
    }

    /** @return how many characters of what was added did not fit */
    long cut() {
        return cut;
    }

    int limit() {
        return limit;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
