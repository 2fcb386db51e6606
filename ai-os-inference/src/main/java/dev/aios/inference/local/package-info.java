/**
 * Local Llama-family language models (Llama 1 to 3.x, Mistral, Qwen2 and 2.5, SmolLM) run in
 * process on DJL's PyTorch engine from a Hugging Face model folder: {@code config.json}, one or
 * more {@code *.safetensors} files and {@code tokenizer.json}. Nothing is downloaded; the user
 * points AI-OS at a folder they already have. {@link dev.aios.inference.local.LocalModel} loads and
 * generates (sampling options, stop conditions, streaming, continuous batching);
 * {@link dev.aios.inference.local.LocalChatModel} makes it a LangChain4j chat model, and so a brain
 * for the router. A folder that is incomplete, damaged or of an unsupported kind is rejected when
 * it is opened with a {@link dev.aios.inference.local.ModelFormatException} that names the file,
 * the tensor and the value that was wrong.
 */
@NullMarked
package dev.aios.inference.local;

import org.jspecify.annotations.NullMarked;
