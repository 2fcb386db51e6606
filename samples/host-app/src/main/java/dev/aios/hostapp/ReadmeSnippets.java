package dev.aios.hostapp;

import dev.aios.hostapp.readme.Awareness;
import dev.aios.hostapp.readme.DurableRuns;
import dev.aios.hostapp.readme.LocalModelFromFolder;
import dev.aios.hostapp.readme.McpTools;
import dev.aios.hostapp.readme.Media;
import dev.aios.hostapp.readme.PersistentMemory;
import dev.aios.hostapp.readme.QuickStart;
import dev.aios.hostapp.readme.UntrustedData;
import dev.aios.hostapp.readme.TwoBrains;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs README's java snippets, as a host application would, with the embedded defaults of
 * {@link ReadmeContext}: no keys, no network. Snippets that need what CI does not have (an MCP
 * server started with npx, a model folder) are compiled, which is what keeps them from drifting,
 * and run only when that is present. Run it in a scratch folder: snippets write relative paths
 * and under {@code user.home}.
 */
public final class ReadmeSnippets {
    private ReadmeSnippets() {}

    /**
     * Runs each snippet and prints what became of it; exits non-zero when one fails.
     *
     * @param args none
     * @throws Exception when a snippet fails
     */
    public static void main(String[] args) throws Exception {
        run("QuickStart", new QuickStart());
        run("UntrustedData", new UntrustedData());
        run("DurableRuns", new DurableRuns());
        run("PersistentMemory", new PersistentMemory());
        run("TwoBrains", new TwoBrains());
        run("Awareness", new Awareness());
        run("Media", new Media());
        System.out.println("McpTools: compiled; not run (needs npx and the network for its MCP servers)");
        if (Files.isDirectory(Path.of("/models/SmolLM2-360M-Instruct"))) {
            run("LocalModelFromFolder", new LocalModelFromFolder());
        } else {
            System.out.println("LocalModelFromFolder: compiled; not run (no model folder at /models/SmolLM2-360M-Instruct)");
        }
        // Referenced so the compiler keeps the class honest even when it is not run.
        System.out.println("README snippets: done (" + McpTools.class.getSimpleName() + " compiled)");
    }

    private static void run(String name, ReadmeContext snippet) throws Exception {
        System.out.println("--- " + name);
        snippet.run();
        System.out.println(name + ": ran");
    }
}
