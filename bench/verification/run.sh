#!/usr/bin/env bash
# Scenario 2, token verification at the gateway: the same proxied GET (86-byte JSON from the
# bench/load upstream) through the gateway with verification on and off, side by side in one run.
#   on:  GET /api/agents/bench, a protected route: the bearer token is verified (RS256 signature
#        once, then trusted from the verified-token cache; the revocation check every request);
#   off: GET /.well-known/jwks.json, the gateway's one public GET route, with the same
#        Authorization header sent (not looked at); the upstream answers it with the same 86 bytes
#        when it comes through a proxy, so both rows move the same bytes.
# Closed loop (wrk, 8 and 32 connections, on/off/off/on to cancel drift) and open loop (bench/load
# FixedRate at 1,000 req/s). The per-core cost of a cold verification is JMH's (bench/jmh).
# Usage: bench/verification/run.sh [seconds-per-row=15]   (BASE=27000, SKIP_BUILD=1 as in gateway/)
# Appends to bench/results/verification-<date>.md and prints the run.
set -euo pipefail
source "$(dirname "$0")/../gateway/harness.sh"
SECS="${1:-15}"
OUT="bench/results/verification-$(date -u +%Y-%m-%d).md"

start_upstream
start_gateway "$GATEWAY_APP" "$GW_PORT" gateway
ON="http://127.0.0.1:$GW_PORT/api/agents/bench"
OFF="http://127.0.0.1:$GW_PORT/.well-known/jwks.json"
same_body "$ON" "$TOKEN"
same_body "$OFF" "$TOKEN"
expect 401 "$ON"
expect 401 -H "Authorization: Bearer ${TOKEN%.*}.AAAA" "$ON"
expect 200 -H "Authorization: Bearer ${TOKEN%.*}.AAAA" "$OFF"
# JIT warm-up of both paths before anything is measured
warm_up "${WARMUP:-30}" "$ON" "$TOKEN"
warm_up 10 "$OFF" "$TOKEN"

: > "$TMP/rows.txt"
for c in 8 32; do
  wrk_row on-a "$c" "$ON" "$SECS" "$TOKEN" gateway
  wrk_row off-a "$c" "$OFF" "$SECS" "$TOKEN" gateway
  wrk_row off-b "$c" "$OFF" "$SECS" "$TOKEN" gateway
  wrk_row on-b "$c" "$ON" "$SECS" "$TOKEN" gateway
done
fixed_row on 1000 "$ON" $((SECS * 2)) "$TOKEN"
fixed_row off 1000 "$OFF" $((SECS * 2)) "$TOKEN"

{ [[ -s "$OUT" ]] && echo && echo "---" && echo; true; } >> "$OUT"
python3 - "$TMP/rows.txt" "$(date -u +%Y-%m-%dT%H:%MZ)" "$COMMIT" "$(machine_line)" "$SECS" <<'PY' | tee -a "$OUT"
import sys
path, when, commit, machine, secs = sys.argv[1:6]
wrk, fixed = {}, {}
for line in open(path):
    kind, name, n, _, *kv = line.split()
    d = dict(x.split("=", 1) for x in kv)
    (wrk if kind == "wrk" else fixed)[(name, int(n))] = d
def ms(us): v = int(us) / 1000; return f"{v:.2f}" if v < 10 else f"{v:.1f}"
def agg(side, c):
    rows = [wrk[(f"{side}-{x}", c)] for x in "ab" if (f"{side}-{x}", c) in wrk]
    req = sum(int(r["requests"]) for r in rows); dur = sum(int(r["duration_us"]) for r in rows)
    cpu = sum(int(r["cpu_ticks"]) for r in rows) * 10000 / req
    return req / dur * 1e6, cpu, rows
print(f"# Token verification at the gateway, on vs off ({when}, commit {commit})")
print()
print(f"Machine: {machine}.")
print()
print("One gateway (`java -Xmx256m -XX:+UseSerialGC`) in front of the bench/load upstream; the same 86-byte")
print("answer and the same `Authorization: Bearer` header on both rows. **on**: `GET /api/agents/bench`, a")
print("protected route (signature verified once, then the verified-token cache; revocation checked per")
print("request). **off**: `GET /.well-known/jwks.json`, the public route, token not looked at. Each row")
print(f"twice (on, off, off, on; 5 s warm-up + {secs} s each, wrk -t2), summed.")
print()
print("| connections | on req/s | off req/s | on / off | loss | gateway CPU µs/request on | off | rows on (a, b) | rows off (a, b) |")
print("|---|---|---|---|---|---|---|---|---|")
goal = []
for c in (8, 32):
    on, con, ron = agg("on", c); off, coff, roff = agg("off", c)
    loss = 1 - on / off
    goal.append((c, loss))
    each_on = ", ".join(f"{float(r['rps']):,.0f}" for r in ron)
    each_off = ", ".join(f"{float(r['rps']):,.0f}" for r in roff)
    print(f"| {c} | {on:,.0f} | {off:,.0f} | {on/off:.2f} | {loss*100:+.1f} % | {con:.0f} | {coff:.0f} | {each_on} | {each_off} |")
print()
print("Open loop, 1,000 req/s (bench/load `FixedRate`, latency from each request's intended send time,")
print(f"10 s warm-up + {int(secs)*2} s):")
print()
print("| verification | answered 2xx/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |")
print("|---|---|---|---|---|---|---|---|")
for side in ("on", "off"):
    d = fixed.get((side, 1000))
    if d:
        print(f"| {side} | {float(d['achieved_rps']):,.0f} | {ms(d['p50_us'])} | {ms(d['p90_us'])} | {ms(d['p99_us'])} | {ms(d['p999_us'])} | {ms(d['max_us'])} | {int(d['errors'])+int(d['unanswered'])} |")
print()
print("| goal (issue 10) | measured | met |")
print("|---|---|---|")
for c, loss in goal:
    print(f"| verification on costs ≤ 10 % of the throughput ({c} connections) | {loss*100:+.1f} % | {'yes' if loss <= 0.10 else 'no'} |")
PY
