/**
 * The machinery of the developer packs (Git repository access, JDBC sessions, OpenAPI import
 * and calls); hosts use the builders in {@code dev.aios.toolpacks.dev} instead.
 */
@NullMarked
package dev.aios.toolpacks.dev.internal;

import org.jspecify.annotations.NullMarked;
