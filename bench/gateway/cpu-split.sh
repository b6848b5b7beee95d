#!/usr/bin/env bash
# Where each proxy's CPU goes, per request: user and kernel (system) time, and context switches,
# of the proxy's processes and of the service behind it, under wrk at one connection count. Scenario
# 1's throughput ratio is set by the whole machine's CPU per request (wrk, service, proxy share 2
# cores), so this splits the gateway's share against nginx's.
# Usage: bench/gateway/cpu-split.sh [seconds=15] [connections=32]
#   (SKIP_BUILD=1, BASE, GATEWAY_APP, GATEWAY_BEFORE, GATEWAY_AFTER_JAVA_OPTS as in harness.sh)
# Targets: the service alone, nginx, a proxy on bare Vert.x (bench/load BareProxy: the floor of
# the stack the gateway is built on) and the gateway. Appends the table to
# bench/results/gateway-split-<date>.md and prints it.
set -euo pipefail
source "$(dirname "$0")/harness.sh"
SECS="${1:-15}"
CONNS="${2:-32}"

start_upstream
start_nginx
start_gateway "$GATEWAY_APP" "$GW_PORT" gateway
# the floor: a proxy on bare Vert.x (bench/load BareProxy), what the gateway is built on
BARE_PORT=$((BASE + 4))
java -Xmx256m -XX:+UseSerialGC -cp "$LOAD_JAR" io.switchboard.bench.load.BareProxy \
  "$BARE_PORT" "$UP_PORT" > "$TMP/bare.out" 2>&1 &
PIDS+=($!)
PROC[bare]=$!
wait_http "http://127.0.0.1:$BARE_PORT/api/agents/bench" "bare Vert.x proxy"
TARGETS=(direct nginx bare gateway)
declare -A URL=(
  [direct]="http://127.0.0.1:$UP_PORT/api/agents/bench"
  [nginx]="http://127.0.0.1:$NGINX_PORT/api/agents/bench"
  [bare]="http://127.0.0.1:$BARE_PORT/api/agents/bench"
  [gateway]="http://127.0.0.1:$GW_PORT/api/agents/bench"
)
start_before
for t in "${TARGETS[@]}"; do
  same_body "${URL[$t]}" "$TOKEN"
  [[ $t == nginx ]] || warm_up "${WARMUP:-30}" "${URL[$t]}" "$TOKEN"
done

# counters <pids...>: "user system switches" summed over the processes and all their threads
counters() {
  local user=0 sys=0 switches=0 pid
  for pid in "$@"; do
    read -r u s < <(awk '{print $14, $15}' "/proc/$pid/stat")
    user=$((user + u)) sys=$((sys + s))
    switches=$((switches + $(cat /proc/"$pid"/task/*/status 2>/dev/null \
      | awk '/ctxt_switches/ {n += $2} END {print n + 0}')))
  done
  echo "$user $sys $switches"
}

OUT="bench/results/gateway-split-$(date -u +%Y-%m-%d).md"
{ [[ -s "$OUT" ]] && echo && echo "---" && echo; true; } >> "$OUT"
exec > >(tee -a "$OUT")
echo "# Where the proxies' CPU goes ($(date -u +%Y-%m-%dT%H:%MZ), commit $COMMIT, $CONNS connections)"
echo
echo "Machine: $(machine_line)."
for var in GATEWAY_JAVA_OPTS GATEWAY_AFTER_JAVA_OPTS; do
  [[ -z "${!var:-}" ]] || echo "$var: \`${!var}\`."
done
echo
echo "wrk -t2 -c$CONNS, 5 s warm-up then $SECS s per row (each JVM first loaded for ${WARMUP:-30} s). Per request"
echo "answered: user and system CPU time and context switches (voluntary + involuntary, all threads)"
echo "of the target's processes and of the service behind it (/proc). \`bare\`: bench/load BareProxy."
echo
echo "| target | req/s | its user µs/req | its system µs/req | its switches/req | service user µs/req | service system µs/req | service switches/req |"
echo "|---|---|---|---|---|---|---|---|"
for t in "${TARGETS[@]}"; do
  BENCH_TOKEN=$TOKEN wrk -t2 -c"$CONNS" -d5s -s "$WRK_LUA" "${URL[$t]}" > /dev/null
  read -r u0 s0 c0 < <(counters ${PROC[$t]})
  read -r su0 ss0 sc0 < <(counters ${PROC[direct]})
  out=$(BENCH_TOKEN=$TOKEN wrk -t2 -c"$CONNS" -d"${SECS}s" -s "$WRK_LUA" "${URL[$t]}" | grep BENCH)
  read -r u1 s1 c1 < <(counters ${PROC[$t]})
  read -r su1 ss1 sc1 < <(counters ${PROC[direct]})
  python3 - "$t" "$out" $u0 $s0 $c0 $u1 $s1 $c1 $su0 $ss0 $sc0 $su1 $ss1 $sc1 <<'PY'
import sys
t, out = sys.argv[1], sys.argv[2]
u0, s0, c0, u1, s1, c1, su0, ss0, sc0, su1, ss1, sc1 = map(int, sys.argv[3:])
kv = dict(x.split("=") for x in out.split()[1:])
n = int(kv["requests"])
us = lambda ticks: f"{ticks * 10000 / n:.1f}"  # clock ticks are 10 ms
sw = lambda k: f"{k / n:.2f}"
if t == "direct":  # the service is the target: its own columns only
    print(f"| {t} | {float(kv['rps']):,.0f} | {us(u1-u0)} | {us(s1-s0)} | {sw(c1-c0)} | — | — | — |")
else:
    print(f"| {t} | {float(kv['rps']):,.0f} | {us(u1-u0)} | {us(s1-s0)} | {sw(c1-c0)} | {us(su1-su0)} | {us(ss1-ss0)} | {sw(sc1-sc0)} |")
PY
done
