#!/usr/bin/env bash
# Agent loop (issue 10 scenario 6): agent messages per second end to end with the local model, one
# tool call each, against a real local stack (launcher) on ports 28000..28009.
# Each agent is driven closed-loop through the gateway: POST /api/agents/{id}/message
# "use time__now {}" (the local model then calls time__now in skill-service and answers with its
# result), the next message once the agent's agent.status idle (reason completed) arrives on the
# user's WebSocket. 1, 2, 4 and 8 agents at once (agent-service runs 4 worker threads).
# Usage: bench/agent-loop/run.sh [rounds=2] [seconds-per-row=20]
# Appends to bench/results/agent-loop-<date>.md and prints it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
ROUNDS="${1:-2}"
SECS="${2:-20}"
WARMUP=8
BASE="${BENCH_PORT_BASE:-28000}"
OUT="bench/results/agent-loop-$(date -u +%Y-%m-%d).md"
source bench/lib/stack.sh

stack_build
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
stack_up "$BASE"
GW="http://127.0.0.1:$BASE"
TMP="$STACK_DATA/bench"; mkdir -p "$TMP"
ROWS="$TMP/rows.txt"; : > "$ROWS"

for round in $(seq "$ROUNDS"); do
  for agents in 1 2 4 8; do
    echo "== round $round: $agents agents" >&2
    CPU_BEFORE="$(cpu_snapshot "$BASE")"
    java -Xmx256m -jar "$WSLOAD" agents gateway="$GW" agents="$agents" conns=1 seconds="$SECS" \
      warmup="$WARMUP" prefix="l${round}_${agents}_$RANDOM" 2> "$TMP/agents-$round-$agents.err" \
      > "$TMP/agents-$round-$agents.out" || { cat "$TMP/agents-$round-$agents.err" >&2; exit 1; }
    cat "$TMP/agents-$round-$agents.out" >&2
    echo "CPU round=$round agents=$agents before $CPU_BEFORE after $(cpu_snapshot "$BASE")" >> "$ROWS"
    grep -E '^(RESULT|STEP|ERRORS)' "$TMP/agents-$round-$agents.out" \
      | sed -E "s/^(RESULT|STEP|ERRORS)/\1 round=$round/" >> "$ROWS"
  done
done

python3 - "$ROWS" "$(nproc)" "$(java -version 2>&1 | head -1)" "$(date -u +%Y-%m-%dT%H:%MZ)" \
  "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo '+local changes')" \
  "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$SECS" "$WARMUP" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" <<'PY' > "$TMP/report.md"
import sys
path, cores, jdk, when, commit, load_before, load_after, secs, warm, cpu_model = sys.argv[1:11]
rows, steps, cpu, errors = [], [], {}, []
raw = open(path).read().splitlines()
for line in raw:
    kind, *kv = line.split()
    if kind == "ERRORS":
        # ERRORS round=R mode=agents agents=N reasons={code=count, ...}: why messages ended in error
        head = dict(x.split("=", 1) for x in kv[:3])
        errors.append((head["round"], head["agents"], line.split("reasons=", 1)[1]))
        continue
    if kind == "CPU":
        i = kv.index("before"); j = kv.index("after")
        head = dict(x.split("=", 1) for x in kv[:i])
        b = dict(x.split("=", 1) for x in kv[i + 1:j]); a = dict(x.split("=", 1) for x in kv[j + 1:])
        cpu[(head["round"], head["agents"])] = {k: int(a[k]) - int(b[k]) for k in a if k in b}
        continue
    d = dict(x.split("=", 1) for x in kv)
    (rows if kind == "RESULT" else steps).append(d)
def ms(us):
    v = int(us) / 1000
    return "-" if int(us) < 0 else (f"{v:.0f}" if v >= 100 else f"{v:.1f}")
print(f"# Agent loop: messages per second end to end, local model, one tool call each ({when})")
print()
print(f"Machine: {cores} cores ({cpu_model}), shared (the load average tells how busy: before")
print(f"{load_before}, after {load_after}); {jdk}. Commit {commit}. The whole stack (launcher: embedded")
print("PostgreSQL, one Kafka broker, six services and the gateway, `java -Xmx256m -XX:+UseSerialGC`, model-service")
print("512m) **and** the load client (bench/wsload) share these 2 cores; 127.0.0.1 only.")
print()
print("Each message, through the gateway: `POST /api/agents/{id}/message` `use time__now {}` → agent-service queues")
print("the work → a worker takes the session lease → model-service completion (local provider: a `time__now`")
print("tool call) → skill-service permission check and execution → second completion (the answer) → agent `idle`.")
print("Every step appends an event (7 per message) that goes through the outbox to Kafka and the gateway to the")
print("user's WebSocket. Each agent is driven closed-loop: its next message once `agent.status` `idle` (reason")
print(f"`completed`) arrives on the socket. {warm} s warm-up, then {secs} s measured per row; a message counts when")
print("its answer arrives inside the window (before 2026-11-29 01:00Z: only when it was also sent inside it, which")
print("undercounts when round trips approach the window). Round trip = POST sent → `idle` received over the WebSocket")
print("(messages sent and answered inside the window).")
print("No goal in the issue; agent-service runs 4 worker threads (sessions at once per replica).")
print()
print("| round | agents at once | agent messages/s | vs 1 agent | round trip p50 ms | p90 ms | p99 ms | events/s | failed |")
print("|---|---|---|---|---|---|---|---|---|")
one = {}
for d in rows:
    if d["agents"] == "1": one[d["round"]] = float(d["msgs_per_s"])
for d in rows:
    base = one.get(d["round"]) or 0
    ratio = f"{float(d['msgs_per_s'])/base:.2f}x" if base else "-"
    print(f"| {d['round']} | {d['agents']} | {float(d['msgs_per_s']):.2f} | {ratio} | {ms(d['rt_p50_us'])} | {ms(d['rt_p90_us'])} | {ms(d['rt_p99_us'])} | {float(d['events_per_s']):.1f} | {d['failed']} |")
print()
if errors:
    print("Messages that ended in `agent.status` `error`, by the status' reason (warm-up included; \"failed\"")
    print("above counts those answered inside the window):")
    print()
    for r, n, reasons in errors:
        print(f"- round {r}, {n} agent(s): {reasons}")
    print()
print("## CPU per agent message, by process")
print()
print("CPU time (user+sys, from /proc) each process used during the row (warm-up included), divided by every")
print("message answered in it: what one message costs, much less sensitive to the machine's load than the rates.")
print("The load client (WebSocket + HTTP) is not included.")
print()
names = ["gateway", "auth", "agent", "model", "skill", "vault", "pipeline", "postgres", "kafka"]
print("| round | agents | messages | " + " | ".join(names) + " | total CPU ms per message |")
print("|---|---|---|" + "---|" * len(names) + "---|")
for d in rows:
    c = cpu.get((d["round"], d["agents"]))
    n = int(d.get("all_messages", 0))
    if not c or not n: continue
    cells = [f"{c.get(k, 0)/n:.0f}" for k in names]
    print(f"| {d['round']} | {d['agents']} | {n} | " + " | ".join(cells) + f" | {sum(c.values())/n:.0f} |")
print()
print("## Where a message's time goes (1 agent)")
print()
print("From the events' own timestamps (agent-service's clock): each step's time since the agent's previous event,")
print("in the order they happen. The gap before `status running` is the client's own turn-around and is left out.")
print()
order = ["message_user", "message_assistant_(tool_call)", "tool_call_requested", "tool_call_completed", "message_assistant", "status_idle"]
what = {
  "message_user": "the user message stored (from `running`): work claimed by a worker",
  "message_assistant_(tool_call)": "first completion: model-service routes and answers with the tool call",
  "tool_call_requested": "the call recorded; permission asked of skill-service",
  "tool_call_completed": "skill-service ran `time.now`",
  "message_assistant": "second completion: the answer",
  "status_idle": "work finished, agent idle",
}
rounds = sorted({d["round"] for d in steps})
print("| step | what | " + " | ".join(f"round {r} p50 ms | round {r} p90 ms" for r in rounds) + " |")
print("|---|---|" + "---|---|" * len(rounds))
for name in order:
    cells = []
    for r in rounds:
        d = next((s for s in steps if s["round"] == r and s["agents"] == "1" and s["step"] == name), None)
        cells += [ms(d["p50_us"]), ms(d["p90_us"])] if d else ["-", "-"]
    print(f"| {name.replace('_', ' ')} | {what[name]} | " + " | ".join(cells) + " |")
print()
print("<details><summary>Raw rows (bench/wsload output)</summary>")
print()
print("```")
for line in raw: print(line)
print("```")
print()
print("</details>")
PY
{ [[ -s "$OUT" ]] && echo && echo "---" && echo; true; } >> "$OUT"
tee -a "$OUT" < "$TMP/report.md"
