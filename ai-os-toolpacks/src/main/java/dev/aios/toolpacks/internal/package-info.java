/**
 * What every pack shares and no host calls: the {@link dev.aios.toolpacks.ToolPack}
 * implementation, argument reads, schema writing, and confinement by roots and hosts. The other
 * tool-pack modules use it (they live under {@code dev.aios.toolpacks}); nothing else may.
 */
@NullMarked
package dev.aios.toolpacks.internal;

import org.jspecify.annotations.NullMarked;
