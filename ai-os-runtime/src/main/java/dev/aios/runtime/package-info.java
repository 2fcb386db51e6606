/**
 * The agent loop: {@link dev.aios.runtime.Agent} runs a {@link dev.aios.api.Goal} through
 * perceive, plan, gate, act, verify, reflect and learn, and always returns a
 * {@link dev.aios.api.RunOutcome}. This package also holds the embedded defaults a host can use
 * as they are or replace: {@link dev.aios.runtime.RiskPolicy} (the gate),
 * {@link dev.aios.runtime.FlowPolicy} (where untrusted and private data may flow) and
 * {@link dev.aios.runtime.InProcessMemory} (memory that lives as long as the process). Tools come
 * from ai-os-tools ({@code InProcessToolRegistry} for Java lambdas, {@code McpToolRegistry} for MCP
 * servers); an agent given none has {@link dev.aios.api.ToolRegistry#empty()}.
 *
 * <h2>Text the agent reads never steers what it does</h2>
 * Every value carries a {@link dev.aios.api.Provenance}: its sources, whether it is trusted, and
 * who may read it. The user's goal text and configuration are trusted; tool and MCP results,
 * sensor observations, and memories derived from them are not. The loop keeps two roles apart:
 * <ul>
 *   <li><b>privileged</b>: the planner and the reflector see only trusted text: the goal, its
 *       trusted context, trusted memories, tool descriptions. An untrusted step result reaches
 *       them as a handle (its size, its provenance, the {@code {{id}}} that passes it on); an
 *       untrusted context value as {@code ${key}}; untrusted memories not at all.
 *   <li><b>quarantined</b>: {@code aios.extract} lets a brain read untrusted text with no tools,
 *       optionally to a JSON schema; its answer keeps the labels of what it read.
 * </ul>
 * Labels follow data through {@code {{id}}} and {@code ${key}} substitution, sub-goals (one made
 * from untrusted text is refused), answers ({@link dev.aios.api.RunOutcome#answerProvenance()}),
 * episodes and skills in memory (stored with the record; a skill is learned only from a plan
 * whose inputs were all trusted, lists the memories it came from, and is forgotten with them).
 * At the gate, {@link dev.aios.runtime.FlowPolicy} decides on each argument's provenance before
 * the host's {@link dev.aios.api.spi.GatePolicy}, and the stricter verdict wins.
 *
 * <h2>Where this departs from CaMeL, and why</h2>
 * The design follows CaMeL ("Defeating Prompt Injections by Design", 2025): a privileged
 * planner that never sees untrusted data, a quarantined model with no tools, capabilities on
 * values, and policies at each tool call. It differs where this SDK's shape asks for it:
 * <ul>
 *   <li><b>Plans, not programs.</b> CaMeL's planner writes Python that a custom interpreter runs,
 *       tracking labels per variable and through control flow. Our planner writes a JSON plan of
 *       steps (a DAG), which the runtime already validates, schedules in parallel, journals and
 *       caches as skills; labels are tracked per step result and per argument. There is no
 *       branching on untrusted values inside a plan, so there is no control-flow dependency to
 *       track; the cost is expressiveness (no loops over a mail's items in one plan).
 *   <li><b>Labels are coarser.</b> A step's result has one label; CaMeL labels each field of a
 *       structured value. {@code aios.extract} plus {@code {{id}}} gives a plan typed values, but
 *       the label of an extraction is the join of everything it read.
 *   <li><b>Readers are two-valued.</b> CaMeL tracks sets of allowed readers (e.g. the recipients
 *       a document was shared with). We keep "anyone" or "this machine only", which is what the
 *       routing layer can enforce (private data goes to local brains only); recipient-aware
 *       sharing rules are left to host rules ({@link dev.aios.runtime.FlowPolicy.Builder#rule}).
 *   <li><b>Stricter defaults, narrower exceptions.</b> CaMeL's policies let untrusted text be a
 *       mail body when the recipient is trusted. Our default denies any untrusted data in a side
 *       effect, and a host opts in per tool and argument
 *       ({@link dev.aios.runtime.FlowPolicy.Builder#allowUntrustedContent},
 *       {@link dev.aios.runtime.FlowPolicy.Builder#reviewedByUser}) or to asking a person, who
 *       then sees each argument's provenance in the {@link dev.aios.api.ApprovalRequest}.
 *   <li><b>Persistence is in scope.</b> CaMeL protects one task. An agent that remembers must not
 *       let a poisoned mail hijack next week's run: labels are stored with memory records,
 *       unlabelled records count as untrusted, and skills carry their sources.
 *   <li><b>Tool errors are withheld.</b> A failing tool's message can carry an injection, so the
 *       planner sees that a step failed, not what the tool said; the host still gets the tools'
 *       words in {@link dev.aios.api.RunOutcome#detail()}. A host declares a tool's output trusted
 *       ({@link dev.aios.runtime.FlowPolicy.Builder#trustOutputOf}) when it only echoes the user's
 *       own configuration.
 * </ul>
 */
@NullMarked
package dev.aios.runtime;

import org.jspecify.annotations.NullMarked;
