package dev.aios.toolpacks;

import dev.aios.api.ToolRegistry;

/**
 * A group of built-in tools on one real component (the file system, a Git repository, a mail
 * server...), built by its pack's builder ({@code FilesPack}, {@code WebPack}, ...) with the
 * confinement the host gives it: roots, hosts, commands. Anything the builder was not told to
 * allow is denied.
 *
 * <p>A pack is a {@link ToolRegistry}: every tool has a JSON Schema, checked before the call runs
 * (a call that does not fit is a failed result that names the argument), and a risk class for
 * the gate. Results whose text comes from outside (a file's content, a web page, a mail) are
 * labelled untrusted, from the tool. Join packs with {@link ToolPacks#join}, add them to an
 * {@code McpToolRegistry} with its builder's {@code include}, or serve them over MCP with
 * {@code McpToolServer.Builder.tools}, which turns each risk into MCP tool annotations.
 */
public interface ToolPack extends ToolRegistry {

    /** @return the pack's name ({@code files}, {@code web}, {@code documents}...); its tools' names start with a word of their own */
    String name();
}
