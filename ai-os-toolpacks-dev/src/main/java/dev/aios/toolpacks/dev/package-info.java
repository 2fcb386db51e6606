/**
 * Developer tool packs: {@link dev.aios.toolpacks.dev.GitPack} (local Git repositories through
 * JGit), {@link dev.aios.toolpacks.dev.SqlPack} (databases over JDBC: H2 embedded, PostgreSQL) and
 * {@link dev.aios.toolpacks.dev.OpenApiPack} (every operation of an OpenAPI 3 document as a tool).
 * Each is built with the confinement the host gives it (repository roots, databases, hosts);
 * anything not configured is refused.
 */
@NullMarked
package dev.aios.toolpacks.dev;

import org.jspecify.annotations.NullMarked;
