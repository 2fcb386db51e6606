/**
 * Test support for host applications and plugin authors, used in test scope.
 *
 * <p>Stand-ins: {@link dev.aios.testing.ScriptedChatModel} answers with prepared replies and
 * records every request it was asked, output cap included; {@link dev.aios.testing.FakeTools}
 * builds recording tools with chosen risks and failures; {@link dev.aios.testing.checkpoint.RandomCheckpoint}
 * writes tiny random Llama-family model folders with a real byte-level BPE tokenizer;
 * {@link dev.aios.testing.crash} is a small world for kill -9 tests of durable runs (an effect
 * ledger, tools and a planner, a careful person who answers in-doubt approvals, and the checks).
 *
 * <p>Contract kits: abstract JUnit 5 classes that check an implementation of an SPI against what
 * the SPI promises. Extend one in your own test sources, implement its factory method, and every
 * inherited test runs against your implementation, as this project's own implementations do:
 * <ul>
 *   <li>{@link dev.aios.testing.MemoryContract} for {@link dev.aios.api.Memory} (LuceneMemory, InProcessMemory);
 *   <li>{@link dev.aios.testing.ToolRegistryContract} for {@link dev.aios.api.ToolRegistry}
 *       (McpToolRegistry, InProcessToolRegistry);
 *   <li>{@link dev.aios.testing.BrainRouterContract} for {@link dev.aios.api.BrainRouter}
 *       (LearnedBrainRouter, the cheapest-fit default);
 *   <li>{@link dev.aios.testing.GatePolicyContract} for {@link dev.aios.api.spi.GatePolicy} (RiskPolicy);
 *   <li>{@link dev.aios.testing.SensorContract} for {@link dev.aios.api.spi.Sensor} (the mail and clock sensors).
 * </ul>
 * A point an implementation cannot support is switched off through the kit's documented hooks,
 * never by overriding a test to do nothing.
 *
 * <p>This artifact depends on ai-os-api only (plus JUnit, AssertJ and Jackson), so every module
 * can run the kits in its own tests.
 */
@NullMarked
package dev.aios.testing;

import org.jspecify.annotations.NullMarked;
