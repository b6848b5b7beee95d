// A browser-style WebSocket client (Node 20: node --experimental-websocket) for NodeClientTest.
// Prints one JSON line per step; the test publishes an event once it sees "subscribed".
const [url, badUrl] = process.argv.slice(2);
const out = (o) => console.log(JSON.stringify(o));
const timer = setTimeout(() => { out({ step: "timeout" }); process.exit(2); }, 30000);

const frames = [];
let waiting = null;
const ws = new WebSocket(url);
ws.onmessage = (e) => {
  const frame = JSON.parse(e.data);
  if (waiting) { const w = waiting; waiting = null; w(frame); } else { frames.push(frame); }
};
const next = () => frames.length ? Promise.resolve(frames.shift()) : new Promise((r) => { waiting = r; });

await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
out({ step: "connected", frame: await next() });
ws.send(JSON.stringify({ type: "ping" }));
out({ step: "pong", frame: await next() });
ws.send("nonsense");
out({ step: "error", frame: await next() });
ws.send(JSON.stringify({ type: "subscribe", channels: ["agent.status"] }));
out({ step: "subscribed", frame: await next() });
out({ step: "event", frame: await next() });
ws.close(1000);

const bad = new WebSocket(badUrl);
const code = await new Promise((resolve) => { bad.onclose = (e) => resolve(e.code); });
out({ step: "bad", code });
clearTimeout(timer);
process.exit(0);
