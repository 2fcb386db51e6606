/**
 * Built-in tools on real components, in packs a host takes one by one: each pack is built with
 * the confinement the host gives it (folders, hosts, commands; default deny) and is a
 * {@link dev.aios.api.ToolRegistry} whose tools have JSON Schemas, risk classes and labelled
 * results. This module holds the packs whose libraries are light; documents, mail and
 * developer tools are in their own modules ({@code ai-os-toolpacks-office},
 * {@code ai-os-toolpacks-mail}, {@code ai-os-toolpacks-dev}).
 */
@NullMarked
package dev.aios.toolpacks;

import org.jspecify.annotations.NullMarked;
