// A tiny MCP server over stdio for skill-service's failure tests (no dependencies).
// Tools: hang (never answers), die (exits mid-call), big (10 MB of text), env (its environment's
// names), grow (adds a tool and sends tools/list_changed), echo.
import readline from "node:readline";

const tools = [
  { name: "hang", description: "Never answers", inputSchema: { type: "object" } },
  { name: "die", description: "Exits during the call", inputSchema: { type: "object" } },
  { name: "big", description: "Answers 10 MB", inputSchema: { type: "object" } },
  { name: "env", description: "Names its environment", inputSchema: { type: "object" } },
  { name: "grow", description: "Adds a tool", inputSchema: { type: "object" } },
  {
    name: "echo",
    description: "Echoes",
    inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] },
  },
];

function send(message) {
  process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
}

function text(t) {
  return { content: [{ type: "text", text: t }] };
}

function call(id, name, args) {
  switch (name) {
    case "hang":
      return;
    case "die":
      process.exit(3);
    case "big":
      return send({ id, result: text("x".repeat(10 * 1024 * 1024)) });
    case "env":
      return send({ id, result: text(JSON.stringify(Object.keys(process.env).sort())) });
    case "grow":
      if (!tools.some((t) => t.name === "extra")) {
        tools.push({ name: "extra", description: "Added later", inputSchema: { type: "object" } });
      }
      send({ id, result: text("grown") });
      return send({ method: "notifications/tools/list_changed" });
    case "echo":
      process.stderr.write("echo called with " + JSON.stringify(args) + "\n");
      return send({ id, result: text("Echo: " + args.message) });
    default:
      return send({ id, result: { ...text("unknown tool " + name), isError: true } });
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line);
  if (msg.id === undefined) return;
  if (msg.method === "initialize") {
    send({
      id: msg.id,
      result: {
        protocolVersion: msg.params.protocolVersion,
        capabilities: { tools: { listChanged: true } },
        serverInfo: { name: "switchboard-test-server", version: "1.0.0" },
      },
    });
  } else if (msg.method === "tools/list") {
    send({ id: msg.id, result: { tools } });
  } else if (msg.method === "tools/call") {
    call(msg.id, msg.params.name, msg.params.arguments || {});
  } else if (msg.method === "ping") {
    send({ id: msg.id, result: {} });
  } else {
    send({ id: msg.id, error: { code: -32601, message: "Method not found" } });
  }
});
