// The TypeScript MCP SDK's client against an AI-OS McpToolServer over Streamable HTTP.
// Usage: node ts-client.mjs <url> [bearer-token]; prints one JSON object of what it saw.
// Run from target/mcp-servers, where npm ci installed the pinned SDK (see package-lock.json).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema }
  from "@modelcontextprotocol/sdk/types.js";

const [url, token] = process.argv.slice(2);
const client = new Client({ name: "ts-sdk-test", version: "1.0.0" },
  { capabilities: { sampling: {}, elicitation: {}, roots: { listChanged: false } } });
client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
  role: "assistant", model: "ts-model",
  content: { type: "text", text: "ts says hi to " + request.params.messages[0].content.text },
}));
client.setRequestHandler(ElicitRequestSchema, async () => ({ action: "accept", content: { name: "Bo" } }));
client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: "file:///ts", name: "ts" }] }));
const logs = [];
client.fallbackNotificationHandler = async (notification) => {
  if (notification.method === "notifications/message") logs.push(notification.params.data);
};
const options = token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {};
const out = {};
out.clientErrors = [];
client.onerror = (e) => { console.error("TS client error: " + e); out.clientErrors.push(String(e)); };
try {
  await client.connect(new StreamableHTTPClientTransport(new URL(url), options));
  out.server = client.getServerVersion();
  out.tools = (await client.listTools()).tools.map((t) => t.name);
  out.resources = (await client.listResources()).resources.map((r) => r.uri);
  out.templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
  out.prompts = (await client.listPrompts()).prompts.map((p) => p.name);
  // callTool checks structuredContent against the tool's outputSchema itself (Ajv)
  const chart = await client.callTool({ name: "chart", arguments: { values: [2, 7] } });
  out.chart = { structured: chart.structuredContent, types: chart.content.map((c) => c.type), isError: !!chart.isError };
  out.echo = (await client.callTool({ name: "echo", arguments: { message: "from ts" } })).content[0].text;
  out.today = (await client.readResource({ uri: "notes://today" })).contents[0].text;
  const prompt = await client.getPrompt({ name: "review", arguments: { path: "a.ts" } });
  out.prompt = prompt.messages.map((m) => m.content.type);
  out.completion = (await client.complete({ ref: { type: "ref/prompt", name: "review" },
    argument: { name: "focus", value: "t" } })).completion.values;
  out.sample = (await client.callTool({ name: "ask_model", arguments: {} })).content[0].text;
  out.elicit = (await client.callTool({ name: "ask_user", arguments: {} })).content[0].text;
  out.roots = (await client.callTool({ name: "roots", arguments: {} })).content[0].text;
  await client.setLoggingLevel("warning");
  await client.callTool({ name: "chatty", arguments: {} });
  await new Promise((resolve) => setTimeout(resolve, 300));
  out.logs = logs;
  // cancellation: abort a slow call; the SDK sends notifications/cancelled
  const abort = new AbortController();
  setTimeout(() => abort.abort("ts test gives up"), 1500);
  const started = Date.now();
  try {
    await client.callTool({ name: "slow", arguments: {} }, undefined, { signal: abort.signal, timeout: 20000 });
    out.slow = "finished";
  } catch (e) {
    out.slow = "aborted: " + (e && e.message ? e.message : String(e));
  }
  out.slowMillis = Date.now() - started;
  // The SDK sends notifications/cancelled without waiting; closing at once would abort that POST.
  await new Promise((resolve) => setTimeout(resolve, 500));
  await client.close();
} catch (e) {
  out.error = String(e && e.stack ? e.stack : e);
  if (e && e.code !== undefined) out.errorCode = e.code;
}
console.log(JSON.stringify(out));
process.exit(0);
