/**
 * A host application built only from {@code ai-os-bom} and README's code: {@link
 * dev.aios.hostapp.ReadmeSnippets} runs the snippets that {@code .ci/readme-snippets} extracts
 * into {@code dev.aios.hostapp.readme}, each over the embedded defaults of {@link
 * dev.aios.hostapp.ReadmeContext}.
 */
@NullMarked
package dev.aios.hostapp;

import org.jspecify.annotations.NullMarked;
