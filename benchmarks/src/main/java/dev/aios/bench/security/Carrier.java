package dev.aios.bench.security;

/** Where an injection reaches the agent from: the outside text that carries it. */
public enum Carrier {
    /** A mail's body, read by {@code mail.read}. */
    MAIL("mail body"),
    /** A web page, fetched by {@code web.fetch}. */
    WEB("web page"),
    /** A file of the user's folder, read by {@code files.read}. */
    FILE("file"),
    /** The result of an MCP tool ({@code docs.search} over HTTP). */
    MCP("MCP result"),
    /** A memory record derived from outside text, recalled when the agent perceives. */
    MEMORY("memory record"),
    /** A mail that the AwarenessDaemon ingested from a Maildir into memory. */
    SENSOR("sensor observation"),
    /** A goal's context value that a host labelled untrusted (a mail put in a briefing goal). */
    CONTEXT("labelled goal context"),
    /** A tool's error message (a failing web.fetch), which a replan and the run's lessons carry. */
    TOOL_ERROR("tool error");

    private final String label;

    Carrier(String label) {
        this.label = label;
    }

    /** @return the name for tables */
    public String label() {
        return label;
    }
}
