/**
 * The machinery behind the registries of {@code dev.aios.tools}: the in-process tool entry and
 * the argument check that every registry shares ({@code InProcessTool}, {@code CallCheck}); for
 * MCP, the server catalog with its supervised connections and cached tool lists
 * ({@code ServerCatalog}, {@code ServerConnection}, {@code ServerTransports}), the catalog of what
 * is on offer after tool pinning ({@code ToolCatalog}, {@code PinStore}), remote calls with
 * timeouts, retries and progress ({@code RemoteCalls}), resources and prompts
 * ({@code ServerResources}), what the client declares and answers ({@code ClientFeatures},
 * {@code SamplingBridge}, {@code ElicitationBridge}), its OAuth client ({@code OAuthClient}), its
 * transports with few thread hand-offs ({@code DirectStdioTransport}; {@code DirectHttpTransport}
 * with {@code EventStream} and {@code SseParser}, which resumes cut streams) and the quiet timer
 * queue under the SDK's request timeouts ({@code ReactorTimers}); the argument check's JSON tree
 * ({@code ArgumentTree}); annotated-method and agent tools, risk annotations, tool search and
 * the module's one JSON mapper ({@code JsonCodec}); for the server, the served catalog that
 * running SDK servers follow ({@code ServedCatalog}, {@code ServedSpecs}, {@code ContentMapping}),
 * the call context ({@code ExchangeCallContext}), the relay that carries cancellations to handlers
 * ({@code CallRelay}, {@code CancelSignal}, {@code StdioRelayStream}) and the HTTP hosting behind
 * authentication ({@code HttpGate}, {@code TomcatHosting}). Not API: may change in any release; public
 * only where the API package needs it.
 */
@NullMarked
package dev.aios.tools.internal;

import org.jspecify.annotations.NullMarked;
