package dev.aios.api;

/** The layers of an agent's memory, from the most fleeting to the most lasting. */
public enum MemoryLayer {
    /** This run only; in process; gone when the run ends. */
    WORKING,
    /** One conversation or day: its turns and observations. */
    SESSION,
    /** Facts and preferences about the user and their world. */
    LONG_TERM,
    /** What happened: sensor events, and runs with their plans and outcomes. */
    EPISODIC
}
