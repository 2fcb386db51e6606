/**
 * Local inference and multi-brain routing. This module is a placeholder in the foundation
 * release: it will hold a Llama-family decoder on DJL's PyTorch engine exposed as a LangChain4j
 * chat model, and a learned {@link dev.aios.api.BrainRouter}.
 */
package dev.aios.inference;
