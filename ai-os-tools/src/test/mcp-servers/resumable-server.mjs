// A Streamable HTTP MCP server made with the TypeScript MCP SDK that keeps its events for replay
// (the SDK's InMemoryEventStore) and tells clients to wait `retry` ms before resuming.
// Usage: node resumable-server.mjs <port> <retry-ms>; prints "listening" when ready.
// Run from target/mcp-servers, where npm ci installed the pinned SDK (see package-lock.json).
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { InMemoryEventStore } from "@modelcontextprotocol/sdk/examples/shared/inMemoryEventStore.js";
import { z } from "zod";

const [port, retry] = process.argv.slice(2).map(Number);
const transports = new Map();

function newServer() {
  const server = new McpServer({ name: "resumable", version: "1.0.0" });
  server.registerTool("steps", {
    description: "Reports progress `steps` times, `delayMs` apart, then answers",
    inputSchema: { steps: z.number(), delayMs: z.number() },
  }, async ({ steps, delayMs }, extra) => {
    for (let i = 1; i <= steps; i++) {
      await new Promise((r) => setTimeout(r, delayMs));
      const token = extra._meta?.progressToken;
      if (token !== undefined) {
        await extra.sendNotification({ method: "notifications/progress",
          params: { progressToken: token, progress: i, total: steps } });
      }
    }
    return { content: [{ type: "text", text: `done after ${steps} steps` }] };
  });
  return server;
}

createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
  const sessionId = req.headers["mcp-session-id"];
  let transport = sessionId ? transports.get(sessionId) : undefined;
  if (!transport) {
    if (req.method !== "POST" || body?.method !== "initialize") {
      res.writeHead(404).end();
      return;
    }
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new InMemoryEventStore(),
      retryInterval: retry,
      onsessioninitialized: (id) => transports.set(id, transport),
    });
    await newServer().connect(transport);
  }
  await transport.handleRequest(req, res, body);
}).listen(port, "127.0.0.1", () => console.log("listening"));
