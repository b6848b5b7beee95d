#!/usr/bin/env bash
# Events to the edge (issue 10 scenario 4, issue 7's benchmark), against a real local stack
# (launcher: PostgreSQL, Kafka, the six services, the gateway) on ports 28000..28009:
#   - fan-out: agent.message events produced straight to agent.events (the platform's envelope) at
#     fixed rates (a ladder: 100, 200, 500, 1000, 2000 events/s), each event to 100 WebSockets of
#     one user; produce -> receive p50/p99 (bench/wsload, mode fanout);
#   - agent-service to the edge: agents driven with the local model (one tool call per message),
#     their events through the outbox, Kafka and the gateway to 100 WebSockets (mode agents);
#   - the gateway's memory (RSS, heap in use after a full GC) with 0 and 1,000 idle WebSockets.
# Usage: bench/events/run.sh [rounds=2] [seconds-per-step=20]
# The gateway runs with ws.max-connections-per-user=100 (default 20) so 100 sockets of one user each
# get every event. Appends to bench/results/events-<date>.md and prints it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
ROUNDS="${1:-2}"
SECS="${2:-20}"
BASE="${BENCH_PORT_BASE:-28000}"
OUT="bench/results/events-$(date -u +%Y-%m-%d).md"
source bench/lib/stack.sh

stack_build
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
STACK_ENV="SWITCHBOARD_GATEWAY_WS_MAX_CONNECTIONS_PER_USER=100"
stack_up "$BASE"
GW="http://127.0.0.1:$BASE"
KAFKA="127.0.0.1:$((BASE + 8))"
GWPID="$(pid_on_port "$BASE")"
[[ -n $GWPID ]] || { echo "no gateway on $BASE" >&2; exit 1; }
TMP="$STACK_DATA/bench"; mkdir -p "$TMP"
ROWS="$TMP/rows.txt"; : > "$ROWS"
CLIENT=(java -Xmx512m -jar "$WSLOAD")

mem() { # mem <round> <label> <sockets>
  echo "MEM round=$1 label=$2 sockets=$3 rss_mib=$(rss_mib "$GWPID") heap_mib=$(heap_after_gc_mib "$GWPID")" >> "$ROWS"
}

for round in $(seq "$ROUNDS"); do
  echo "== round $round: fan-out ladder" >&2
  "${CLIENT[@]}" fanout gateway="$GW" kafka="$KAFKA" users=1 conns=100 \
    rates=100,200,500,1000,2000 seconds="$SECS" warmup=5 prefix="f${round}_$RANDOM" gatewayPid="$GWPID" \
    2> "$TMP/fanout-$round.err" | tee -a /dev/stderr | grep '^RESULT' | sed "s/^RESULT/RESULT round=$round/" >> "$ROWS"
  echo "== round $round: agents -> 100 sockets" >&2
  "${CLIENT[@]}" agents gateway="$GW" agents=4 conns=100 seconds=30 warmup=10 prefix="a${round}_$RANDOM" \
    2> "$TMP/agents-$round.err" | tee -a /dev/stderr | grep '^RESULT' | sed "s/^RESULT/RESULT round=$round/" >> "$ROWS"
  echo "== round $round: idle sockets" >&2
  sleep 3
  mem "$round" before 0
  "${CLIENT[@]}" idle gateway="$GW" users=50 conns=20 hold=30 prefix="i${round}_$RANDOM" \
    > "$TMP/idle-$round.out" 2> "$TMP/idle-$round.err" &
  IDLE=$!
  until grep -q READY "$TMP/idle-$round.out"; do
    kill -0 $IDLE 2>/dev/null || { cat "$TMP/idle-$round.err" >&2; exit 1; }
    sleep 1
  done
  sleep 5
  mem "$round" idle "$(grep -o 'READY sockets=[0-9]*' "$TMP/idle-$round.out" | cut -d= -f2)"
  wait $IDLE
  grep '^RESULT' "$TMP/idle-$round.out" | sed "s/^RESULT/RESULT round=$round/" >> "$ROWS"
  sleep 3
  mem "$round" after 0
done

python3 - "$ROWS" "$(nproc)" "$(java -version 2>&1 | head -1)" "$(date -u +%Y-%m-%dT%H:%MZ)" \
  "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo '+local changes')" \
  "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$SECS" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" <<'PY' > "$TMP/report.md"
import sys
path, cores, jdk, when, commit, load_before, load_after, secs, cpu = sys.argv[1:10]
fan, agents, mem, idle = [], [], [], []
raw = [l for l in open(path).read().splitlines() if l.strip()]
for line in raw:
    kind, *kv = line.split()
    d = dict(x.split("=", 1) for x in kv)
    if kind == "MEM": mem.append(d)
    elif d.get("mode") == "fanout": fan.append(d)
    elif d.get("mode") == "agents": agents.append(d)
    elif d.get("mode") == "idle": idle.append(d)
def ms(us):
    v = int(us) / 1000
    return "-" if int(us) < 0 else (f"{v:.0f}" if v >= 100 else f"{v:.1f}")
print(f"# Events to the edge: Kafka -> gateway -> WebSockets ({when})")
print()
print(f"Machine: {cores} cores ({cpu}), shared (the load average tells how busy: before")
print(f"{load_before}, after {load_after}); {jdk}. Commit {commit}. The whole stack (launcher: embedded")
print("PostgreSQL, one Kafka broker, six services and the gateway, each `java -Xmx256m -XX:+UseSerialGC`,")
print("model-service 512m) **and** the load client (bench/wsload, JDK `java.net.http` WebSockets, `-Xmx512m`)")
print("share these 2 cores; 127.0.0.1 only. Gateway started with `ws.max-connections-per-user=100`.")
print("Figures are comparable with each other inside this run; each round is a full repeat on the same stack.")
print()
print("## 1. Fan-out: events produced to `agent.events` at a fixed rate, each to 100 WebSockets")
print()
print("The load client produces `agent.message` envelopes (as agent-service's outbox relay writes them) straight")
print("to `agent.events` (10 agent keys, linger 0, acks=all), on a fixed schedule; every event's subject is the")
print("one user whose 100 sockets subscribed to `agent.message`. Latency = receive time in the client - the")
print("event's `time`, which is its *intended* send time on the schedule (no coordinated omission: a producer")
print("that falls behind counts against the latency). Each step: 5 s warm-up at its rate, then "
      f"{secs} s measured. The ladder stops at the first step that lost deliveries or closed sockets.")
print("Why not through agent-service: its agent loop tops out far below 100 events/s on this machine (section 2),")
print("so the fan-out rates can only be reached by producing the records directly.")
print()
print("Goal (issue 10): p99 <= 100 ms at 100 events/s x 100 clients (10,000 deliveries/s).")
print()
print("Beside each step, the Kafka leg alone: the load client also reads `agent.events` the way the gateway's")
print("feed does (all partitions, from the end, no group) and times the same events (consume - `time`); what the")
print("edge adds is the WebSocket figure minus that one. CPU: what the gateway process and the load client used")
print("during the measured part of the step (/proc, user+sys), per 1,000 deliveries made.")
print()
print("| round | events/s | deliveries/s | received / expected | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | Kafka leg p50 / p99 ms | gateway CPU ms per 1k deliveries | client CPU ms per 1k | producer max lag ms | sockets closed | goal p99 <= 100 ms |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for d in fan:
    rate = int(d["rate"]); exp = int(d["expected"]); got = int(d["received"])
    goal = ("met" if int(d["p99_us"]) <= 100_000 else "missed") if rate == 100 else ""
    gcpu = int(d.get("gateway_cpu_ms", -1)); ccpu = int(d.get("client_cpu_ms", -1))
    per = lambda c: f"{c * 1000 / got:.1f}" if c >= 0 and got else "-"
    kafka = f"{ms(d.get('kafka_p50_us', -1))} / {ms(d.get('kafka_p99_us', -1))}"
    print(f"| {d['round']} | {rate:,} | {rate*int(d['conns_per_user']):,} | {got:,} / {exp:,} | {ms(d['p50_us'])} | {ms(d['p90_us'])} | {ms(d['p99_us'])} | {ms(d['p999_us'])} | {ms(d['max_us'])} | {kafka} | {per(gcpu)} | {per(ccpu)} | {ms(d['producer_max_lag_us'])} | {d['closes']} | {goal} |")
print()
best = {}
for d in fan:
    if int(d["received"]) == int(d["expected"]) and d["closes"] == "none":
        r = d["round"]; best[r] = max(best.get(r, 0), int(d["rate"]))
for r, rate in sorted(best.items()):
    print(f"- Round {r}: highest step with every delivery made and no socket closed: {rate:,} events/s = {rate*100:,} deliveries/s.")
print()
print("## 2. agent-service to 100 WebSockets: agents with the local model, one tool call per message")
print()
print("One user, 4 agents, each driven closed-loop: `POST /api/agents/{id}/message` `use time__now {}`, the")
print("next one when its `agent.status` `idle` (reason `completed`) arrives. Each message makes the local model")
print("call `time__now` (skill-service), then answer. Every event goes agent-service -> outbox (polled every")
print("100 ms) -> `agent.events` -> gateway -> the user's 100 sockets (subscribed to agent.status, agent.message,")
print("agent.tool_call). 10 s warm-up, 30 s measured. Event latency = receive - the event's `time` (stamped in")
print("agent-service when appended, before commit and the outbox relay). Round trip = POST -> `idle` received.")
print()
print("| round | agent messages/s | events/s (one socket) | deliveries/s (100 sockets) | event p50 ms | event p99 ms | event max ms | message round trip p50 ms | p99 ms | failed | sockets closed |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for d in agents:
    print(f"| {d['round']} | {float(d['msgs_per_s']):.1f} | {float(d['events_per_s']):.1f} | {float(d['deliveries_per_s']):,.0f} | {ms(d['ev_p50_us'])} | {ms(d['ev_p99_us'])} | {ms(d['ev_max_us'])} | {ms(d['rt_p50_us'])} | {ms(d['rt_p99_us'])} | {d['failed']} | {d['closes']} |")
print()
print("## 3. The gateway's memory with 0 and 1,000 idle WebSockets")
print()
print("50 users x 20 connections (the default per-user limit), connected and idle (no subscription; the JDK")
print("client answers the server's pings). RSS from /proc; heap = in use right after a full GC (`jcmd GC.run`,")
print("then `GC.heap_info`: what the connections keep alive). 'before' is measured after sections 1 and 2 of the")
print("same round, 'after' once the 1,000 sockets are closed again.")
print()
print("| round | state | open sockets | RSS MiB | heap after GC MiB |")
print("|---|---|---|---|---|")
for d in mem:
    print(f"| {d['round']} | {d['label']} | {d['sockets']} | {d['rss_mib']} | {d['heap_mib']} |")
print()
rounds = sorted({d["round"] for d in mem})
for r in rounds:
    m = {d["label"]: d for d in mem if d["round"] == r}
    if "before" in m and "idle" in m:
        n = int(m["idle"]["sockets"]) or 1
        dr = int(m["idle"]["rss_mib"]) - int(m["before"]["rss_mib"])
        dh = float(m["idle"]["heap_mib"]) - float(m["before"]["heap_mib"])
        print(f"- Round {r}: 1,000 idle sockets add {dr} MiB RSS and {dh:.1f} MiB of live heap "
              f"(~{dh*1024/n:.1f} KiB heap per connection); RSS {int(m['idle']['rss_mib'])/max(1,int(m['before']['rss_mib'])):.2f}x of 0 sockets.")
for d in idle:
    print(f"- Round {d['round']} idle client: {d['sockets']} sockets opened, {d['open_after']} still open after the hold (server closes: {d['closes']}).")
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
