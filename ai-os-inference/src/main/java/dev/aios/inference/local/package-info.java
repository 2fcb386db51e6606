/**
 * Local Llama-family language models (Llama 1 to 3.x, Mistral, Qwen2 and 2.5, SmolLM) run in
 * process on DJL's PyTorch engine from a Hugging Face model folder: {@code config.json}, one or
 * more {@code *.safetensors} files and {@code tokenizer.json}. Nothing is downloaded; the user
 * points AI-OS at a folder they already have. {@link dev.aios.inference.local.LocalModel} loads and
 * generates (sampling options, stop conditions, streaming, continuous batching);
 * {@link dev.aios.inference.local.LocalChatModel} makes it a LangChain4j chat model, and so a brain
 * for the router. A folder that is incomplete, damaged or of an unsupported kind is rejected when
 * it is opened with a {@link dev.aios.inference.local.ModelFormatException} that names the file,
 * the tensor and the value that was wrong. {@link dev.aios.inference.local.LocalModel#inspect}
 * reads a folder's shape and weight sizes without loading it.
 *
 * <h2>PyTorch natives per platform</h2>
 * The artifact depends on {@code ai.djl.pytorch:pytorch-native-cpu} with the classifier of the
 * machine that resolves it, chosen by Maven profiles on the OS and CPU: {@code linux-x86_64}
 * (also the default when no profile matches), {@code linux-aarch64}, {@code osx-aarch64} or
 * {@code win-x86_64}; these four are the ones Maven Central serves for PyTorch 2.7.1 (there is no
 * {@code osx-x86_64}). A host that builds for another platform than its own (a Linux container
 * built on a Mac) sets {@code -Dpytorch.native.classifier=linux-x86_64}, or excludes the
 * dependency and declares the classifier it wants. For CUDA, exclude {@code pytorch-native-cpu}:
 * DJL then fetches the CUDA build for pytorch-jni 2.7.1 at first use (not offline; the
 * {@code PYTORCH_FLAVOR} environment variable picks it), or loads a local libtorch named by
 * {@code PYTORCH_LIBRARY_PATH}; then build models with
 * {@link dev.aios.inference.local.LocalModel.ComputeDevice#GPU}.
 */
@NullMarked
package dev.aios.inference.local;

import org.jspecify.annotations.NullMarked;
