#!/usr/bin/env bash
# Login throughput and latency, and the gateway's cost with token verification on vs off, against a
# real local stack (launcher: PostgreSQL, Kafka, the six services, the gateway), with wrk.
# Usage: bench/auth/run.sh [seconds-per-row=20]   (needs wrk: apt-get install -y wrk)
#   LOGIN_ONLY=1: the login rows only (no gateway rows); LOGIN_CONNS="1 2 8": the login rows' connections
# Builds with package only (offline, this worktree's target dirs), starts the stack on ports
# 26000.. with a fresh data dir, loads 127.0.0.1 only, stops the stack at the end.
# Appends to bench/results/auth-login-<date>.md and prints the run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECONDS_PER_ROW="${1:-20}"
WARMUP=5
BASE=26000
GW="http://127.0.0.1:$BASE"
AUTH="http://127.0.0.1:$((BASE + 1))"
AGENT="http://127.0.0.1:$((BASE + 2))"
OUT="bench/results/auth-login-$(date -u +%Y-%m-%d).md"
LAUNCHER=deploy/launcher/target/switchboard-launcher-app.jar
LUA=bench/auth/request.lua
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }

./mvnw -o -q -DskipTests package \
  -pl deploy/launcher,gateway,auth-service,agent-service,model-service,skill-service,vault-service,pipeline-service

DATA="$(mktemp -d /tmp/switchboard-authbench.XXXXXX)"
TMP="$DATA/bench"; mkdir -p "$TMP"
# own session, so stopping the stack's process tree never reaches this script
SWITCHBOARD_PORT_BASE=$BASE SWITCHBOARD_DATA_DIR="$DATA" setsid java -jar "$LAUNCHER" up \
  > "$TMP/stack.out" 2>&1 &
STACK=$!
stop() {
  local rc=$?
  kill "$STACK" 2>/dev/null && wait "$STACK" 2>/dev/null || true   # java exits 143 on SIGTERM
  rm -rf "$DATA"
  exit "$rc"
}
trap stop EXIT
deadline=$(( $(date +%s) + 300 ))
until grep -q "Switchboard is up" "$TMP/stack.out" 2>/dev/null; do
  kill -0 "$STACK" 2>/dev/null || { cat "$TMP/stack.out" >&2; exit 1; }
  (( $(date +%s) < deadline )) || { echo "stack not up in 300 s" >&2; tail -30 "$TMP/stack.out" >&2; exit 1; }
  sleep 1
done

USER_NAME="bench_$(date +%s)"
PASSWORD="Bench-run-pass-$(date +%s)-x"
REGISTER="{\"username\":\"$USER_NAME\",\"email\":\"$USER_NAME@bench.invalid\",\"password\":\"$PASSWORD\"}"
LOGIN="{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}"
code=$(curl -s -o "$TMP/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "$REGISTER" "$GW/api/auth/register")
[[ $code == 201 ]] || { echo "register: $code $(cat "$TMP/register.json")" >&2; exit 1; }
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "$LOGIN" "$GW/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# expect <status> <curl args...>: the row's request answers as described before it is loaded
expect() {
  local want=$1; shift
  local got; got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  [[ $got == "$want" ]] || { echo "expected $want, got $got: $*" >&2; exit 1; }
}
expect 200 -H 'Content-Type: application/json' -d "$LOGIN" "$GW/api/auth/login"
expect 401 "$GW/api/agents/x"
expect 404 -H "Authorization: Bearer $TOKEN" "$GW/api/agents/x"
expect 404 -H "Authorization: Bearer $TOKEN" "$AGENT/api/agents/x"
# Both verify the token (a broken signature gets 401 from each): the gateway at its edge, agent-service
# on its own /api/agents resource, which answers 404 for an agent that does not exist.
BROKEN="${TOKEN%.*}.AAAA"
expect 401 -H "Authorization: Bearer $BROKEN" "$GW/api/agents/x"
expect 401 -H "Authorization: Bearer $BROKEN" "$AGENT/api/agents/x"
# a public route proxied by the gateway, and the same answer from auth-service directly
expect 200 "$GW/.well-known/jwks.json"
expect 200 "$AUTH/.well-known/jwks.json"

# load <name> <connections> <url> [METHOD body token]: a warm-up, then the measured run;
# appends "name connections BENCH ..." to rows.txt
load() {
  local name=$1 conns=$2 url=$3 method=${4:-GET} body=${5:-} token=${6:-}
  local threads=$(( conns < 2 ? conns : 2 ))
  BENCH_METHOD=$method BENCH_BODY=$body BENCH_TOKEN=$token \
    wrk -t"$threads" -c"$conns" -d"${WARMUP}s" --timeout 10s -s "$LUA" "$url" > /dev/null
  BENCH_METHOD=$method BENCH_BODY=$body BENCH_TOKEN=$token \
    wrk -t"$threads" -c"$conns" -d"${SECONDS_PER_ROW}s" --timeout 30s --latency -s "$LUA" "$url" \
    > "$TMP/$name-$conns.txt"
  echo "$name $conns $(grep '^BENCH' "$TMP/$name-$conns.txt")" >> "$TMP/rows.txt"
  cat "$TMP/$name-$conns.txt" >&2
}

: > "$TMP/rows.txt"
for c in ${LOGIN_CONNS:-1 2 8}; do load login "$c" "$GW/api/auth/login" POST "$LOGIN"; done
for c in 2 8; do
  [[ ${LOGIN_ONLY:-0} == 1 ]] && break
  load edge401 "$c" "$GW/api/agents/x"
  load gateway404 "$c" "$GW/api/agents/x" GET "" "$TOKEN"
  load direct404 "$c" "$AGENT/api/agents/x" GET "" "$TOKEN"
  load jwksgw "$c" "$GW/.well-known/jwks.json"
  load jwksdirect "$c" "$AUTH/.well-known/jwks.json"
done
expect 200 -H 'Content-Type: application/json' -d "$LOGIN" "$GW/api/auth/login"

{ [[ -s "$OUT" ]] && echo && echo "---" && echo; true; } >> "$OUT"
python3 - "$TMP/rows.txt" "$(nproc)" "$(java -version 2>&1 | head -1)" "$(date -u +%Y-%m-%dT%H:%MZ)" \
  "$SECONDS_PER_ROW" "$WARMUP" "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)" <<'PY' | tee -a "$OUT"
import sys
path, cores, jdk, when, secs, warm, wrkv = sys.argv[1:8]
rows = {}
for line in open(path):
    name, conns, _, *kv = line.split()
    d = dict(x.split("=", 1) for x in kv)
    rows[(name, int(conns))] = d
def ms(us):
    v = int(us) / 1000
    return f"{v:.1f}" if v >= 10 else f"{v:.2f}"
def rps(d): return float(d["rps"])
print(f"# Login throughput and gateway verification cost, real local stack ({when})")
print()
print(f"{cores} cores (shared, noisy) running the whole stack (launcher: embedded PostgreSQL, Kafka, six services")
print(f"and the gateway, each `java -Xmx256m -XX:+UseSerialGC`) **and** the load generator ({wrkv}); {jdk}.")
print(f"Each row: {warm} s warm-up, then {secs} s measured at a fixed number of connections (wrk, 1-2 threads,")
print("keep-alive), 127.0.0.1 only. Figures are only comparable with each other, inside this one run.")
print()
print("## Login (POST /api/auth/login through the gateway, one registered user, correct password)")
print()
print("Each request: gateway (public route, no verification) → auth-service: user lookup, Argon2id verify")
print("(m=19456 KiB, t=2, p=1, on its pool of half the cores, each worker paced to its busy share), new session row,")
print("RS256 token signed.")
print()
print("| connections | answers/s (429s included) | p50 ms | p90 ms | p99 ms | max ms | statuses | socket errors (connect, read, write, timeout) |")
print("|---|---|---|---|---|---|---|---|")
for c in sorted(conns for name, conns in rows if name == "login"):
    d = rows[("login", c)]
    if d:
        print(f"| {c} | {rps(d):.1f} | {ms(d['p50_us'])} | {ms(d['p90_us'])} | {ms(d['p99_us'])} | {ms(d['max_us'])} | {d['statuses']} | {d['errors']} |")
one, eight = rows.get(("login", 1)), rows.get(("login", 8))
if one and eight:
    print()
    print(f"8 connections give {rps(eight)/rps(one):.2f}x the logins/s of one: auth-service hashes on a pool of half the")
    print(f"cores, so extra concurrent logins queue (p50 {ms(one['p50_us'])} ms at 1 connection, {ms(eight['p50_us'])} ms at 8),")
    print("and on this machine the stack, the database and wrk share the same 2 cores with Argon2id.")
if not any(key[0] != "login" for key in rows):
    sys.exit(0)  # LOGIN_ONLY=1
print()
print("## Gateway: token verification on vs off (GET /api/agents/x, and a public route for the proxy alone)")
print()
print("| row | what it measures | connections | req/s | vs (a) | p50 ms | p99 ms | statuses |")
print("|---|---|---|---|---|---|---|---|")
desc = {
  "edge401": ("(a) gateway, no token", "the gateway's edge check refuses a protected route without a bearer token: 401 from the gateway, no verification, nothing proxied"),
  "gateway404": ("(b) gateway, valid token", "the gateway verifies the RS256 token (signature once, then from its verified-token cache, plus the revocation check every request), proxies to agent-service, which verifies it too and answers 404 (no such agent)"),
  "direct404": ("(c) agent-service direct, valid token", "the same request and the same 404 from agent-service without the gateway (agent-service's own token verification)"),
  "jwksgw": ("(d) gateway, public route", "GET /.well-known/jwks.json through the gateway: proxied to auth-service, no token, no verification"),
  "jwksdirect": ("(e) auth-service direct, public route", "the same JWKS from auth-service without the gateway"),
}
for c in (2, 8):
    base = rows.get(("edge401", c))
    for key in ("edge401", "gateway404", "direct404", "jwksgw", "jwksdirect"):
        d = rows.get((key, c))
        if not d: continue
        title, what = desc[key]
        print(f"| {title} | {what} | {c} | {rps(d):,.0f} | {rps(d)/rps(base):.2f} | {ms(d['p50_us'])} | {ms(d['p99_us'])} | {d['statuses']} |")
print()
print("Reading the rows (ratios of this run):")
for c in (2, 8):
    a, b, cc, dd, ee = (rows.get((k, c)) for k in ("edge401", "gateway404", "direct404", "jwksgw", "jwksdirect"))
    if not all((a, b, cc, dd, ee)): continue
    print(f"- {c} connections: a verified and proxied request through the gateway runs at {rps(b)/rps(a):.2f}x the rate of an")
    print(f"  edge refusal (b/a). Putting the gateway in front of agent-service, with verification (cached) + proxying,")
    print(f"  divides the rate by {rps(cc)/rps(b):.2f} (c/b); putting it in front of auth-service on a public route, proxying")
    print(f"  only, divides it by {rps(ee)/rps(dd):.2f} (e/d). The difference between those two factors is what verification")
    print(f"  (from the cache) and the revocation check add at the gateway; the cold cost of one signature check is")
    print(f"  in results/jmh-tokens-*.md (per core). Directly, through the gateway, a request with a (cached) verified")
    print(f"  token to agent-service runs at {rps(b)/rps(dd):.2f}x the rate of a public request to auth-service (b/d).")
print()
print("Latency percentiles from wrk's `--latency` histogram (wrk measures with a fixed connection count, so these")
print("are closed-loop figures: they include queueing behind the other connections).")
PY
