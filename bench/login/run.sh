#!/usr/bin/env bash
# Scenario 3, login storm isolation: do other routes keep their latency while a storm of logins
# (Argon2id, m=19456 KiB, t=2, p=1) runs? Against a real local stack (launcher: PostgreSQL, Kafka,
# the six services, the gateway) on ports BASE.. (27500 unless set), side by side in one run:
#   1. baseline: two other routes at a fixed rate (bench/load FixedRate, latency from each
#      request's intended send time), through the gateway:
#        GET /api/auth/me  (auth-service: the same JVM that hashes; token verified, database read)
#        GET /api/agents   (agent-service: another JVM; token verified, database read)
#   2. the same two, at the same rates, while wrk runs logins (POST /api/auth/login, 8 connections,
#      more than the hashing pool's workers, so logins queue) through the gateway;
#   3. baseline again (drift check). Logins/s and login p50/p99 come from the storm's wrk run;
#   4. calm sign-ins: logins alone at a low fixed rate, the latency one user sees.
# Usage: bench/login/run.sh [seconds=30] [rate-per-route=100]   (WARMUP=<s> per warm-up load, 30)
#   ARGON2_WORKERS=<n> runs auth-service with that many hashing workers (default: its own, half the cores);
#   ARGON2_NICENESS=<0-19> with the hashing threads at that niceness (default: its own, 10);
#   ARGON2_ISOLATION=<process|thread> hashes in a child process or in auth-service's JVM (default: its own, thread);
#   ARGON2_SCHEDULING=<nice|idle> the hashing process at its niceness or under SCHED_IDLE (default: its own, nice);
#   ARGON2_BUSY_SHARE=<0-1] each hashing worker busy at most that share of its time (default: its own, 0.1);
#   ARGON2_BURST=<duration> hashing time a rested worker spends before it is paced (default: its own, 100ms);
#   LOGIN_RATE=<n> the calm sign-ins' fixed rate at the end (logins/s, 2);
# Builds with package only (offline, this worktree's target dirs); SKIP_BUILD=1 skips it.
# Appends to bench/results/login-<date>.md and prints the run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECS="${1:-30}"
RATE="${2:-100}"
BASE="${BASE:-27500}"
GW="http://127.0.0.1:$BASE"
OUT="bench/results/login-$(date -u +%Y-%m-%d).md"
LOAD_JAR=bench/load/target/load.jar
LUA=bench/auth/request.lua
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
source bench/lib/stack.sh
BUILD_FLAGS=-am stack_build
[[ "${SKIP_BUILD:-0}" == 1 ]] || ./mvnw -o -q -f bench/load/pom.xml package
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- auth-service gateway libs bench || echo '+uncommitted')"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

WORKERS="${ARGON2_WORKERS:-default (half the cores)}"
[[ -n "${ARGON2_WORKERS:-}" ]] && export SWITCHBOARD_AUTH_ARGON2_WORKERS="$ARGON2_WORKERS"
WORKERS="$WORKERS worker(s) at niceness ${ARGON2_NICENESS:-default (10)}"
[[ -n "${ARGON2_NICENESS:-}" ]] && export SWITCHBOARD_AUTH_ARGON2_NICENESS="$ARGON2_NICENESS"
WORKERS="$WORKERS, in ${ARGON2_ISOLATION:-default (thread)} isolation"
[[ -n "${ARGON2_ISOLATION:-}" ]] && export SWITCHBOARD_AUTH_ARGON2_ISOLATION="$ARGON2_ISOLATION"
WORKERS="$WORKERS, ${ARGON2_SCHEDULING:-default (nice)} scheduling"
[[ -n "${ARGON2_SCHEDULING:-}" ]] && export SWITCHBOARD_AUTH_ARGON2_SCHEDULING="$ARGON2_SCHEDULING"
WORKERS="$WORKERS, busy share ${ARGON2_BUSY_SHARE:-default (0.1)}"
[[ -n "${ARGON2_BUSY_SHARE:-}" ]] && export SWITCHBOARD_AUTH_ARGON2_BUSY_SHARE="$ARGON2_BUSY_SHARE"
WORKERS="$WORKERS, burst ${ARGON2_BURST:-default (100ms)}"
[[ -n "${ARGON2_BURST:-}" ]] && export SWITCHBOARD_AUTH_ARGON2_BURST="$ARGON2_BURST"
SWITCHBOARD_READY_TIMEOUT_SECONDS=${READY_TIMEOUT:-480} stack_up "$BASE"
TMP="$STACK_DATA/bench"; mkdir -p "$TMP"

USER_NAME="bench_$(date +%s)"
PASSWORD="Bench-run-pass-$(date +%s)-x"
REGISTER="{\"username\":\"$USER_NAME\",\"email\":\"$USER_NAME@bench.invalid\",\"password\":\"$PASSWORD\"}"
LOGIN="{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}"
code=$(curl -s -o "$TMP/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "$REGISTER" "$GW/api/auth/register")
[[ $code == 201 ]] || { echo "register: $code $(cat "$TMP/register.json")" >&2; exit 1; }
TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "$LOGIN" "$GW/api/auth/login" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
for path in /api/auth/me /api/agents; do
  got=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$GW$path")
  [[ $got == 200 ]] || { echo "GET $path: $got" >&2; exit 1; }
done

# routes <phase>: both routes at RATE req/s for SECS (10 s warm-up first), in parallel
routes() {
  local phase=$1 pids=() path
  for path in /api/auth/me /api/agents; do
    java -Xmx96m -XX:+UseSerialGC -cp "$LOAD_JAR" io.switchboard.bench.load.FixedRate \
      url="$GW$path" rate="$RATE" seconds="$SECS" warmup=10 label="$path" token="$TOKEN" \
      2> "$TMP/fixed-$phase-${path//\//_}.err" | grep '^FIXED' | sed "s/^/$phase /" >> "$TMP/rows.txt" &
    pids+=($!)
  done
  wait "${pids[@]}"
}

: > "$TMP/rows.txt"
# warm the stack's JITs on the measured routes and on logins (WARMUP seconds each, 30 unless set: with
# 10 s the baseline was still slower than the phase after the storm, p99 17-35 vs 8-9 ms)
WARM="${WARMUP:-30}"
BENCH_TOKEN=$TOKEN wrk -t1 -c2 -d${WARM}s -s "$LUA" "$GW/api/auth/me" > /dev/null
BENCH_TOKEN=$TOKEN wrk -t1 -c2 -d${WARM}s -s "$LUA" "$GW/api/agents" > /dev/null
BENCH_METHOD=POST BENCH_BODY=$LOGIN wrk -t1 -c2 -d${WARM}s -s "$LUA" "$GW/api/auth/login" > /dev/null

routes baseline
# the storm starts 5 s before the routes' warm-up and ends after their measured run
BENCH_METHOD=POST BENCH_BODY=$LOGIN wrk -t2 -c8 -d$((SECS + 17))s --timeout 10s --latency -s "$LUA" \
  "$GW/api/auth/login" > "$TMP/storm.txt" &
STORM=$!
sleep 5
routes storm
wait "$STORM"
echo "storm $(grep '^BENCH' "$TMP/storm.txt")" >> "$TMP/rows.txt"
routes after
# calm sign-ins: LOGIN_RATE (2) logins/s at a fixed rate and nothing else, what one user waits for a
# sign-in when few sign in (the pacing's burst is meant to leave these at full speed)
java -Xmx96m -XX:+UseSerialGC -cp "$LOAD_JAR" io.switchboard.bench.load.FixedRate \
  url="$GW/api/auth/login" method=POST body="$LOGIN" rate="${LOGIN_RATE:-2}" seconds="$SECS" warmup=5 \
  label=/api/auth/login 2> "$TMP/fixed-calm.err" | grep '^FIXED' | sed "s/^/calm /" >> "$TMP/rows.txt"
cat "$TMP/rows.txt" >&2

{ [[ -s "$OUT" ]] && echo && echo "---" && echo; true; } >> "$OUT"
python3 - "$TMP/rows.txt" "$(date -u +%Y-%m-%dT%H:%MZ)" "$COMMIT" "$SECS" "$RATE" "$(nproc)" \
  "$(java -version 2>&1 | head -1)" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$WORKERS" <<'PY' | tee -a "$OUT"
import sys
path, when, commit, secs, rate, cores, jdk, lb, la, workers = sys.argv[1:11]
fixed, storm = {}, None
for line in open(path):
    parts = line.split()
    if parts[0] == "storm" and parts[1] == "BENCH":  # the wrk storm itself, not a route's run
        storm = dict(x.split("=", 1) for x in parts[2:]); continue
    phase = parts[0]; d = dict(x.split("=", 1) for x in parts[2:])
    fixed[(phase, d["label"])] = d
def ms(us): v = int(us) / 1000; return f"{v:.2f}" if v < 10 else f"{v:.1f}"
print(f"# Login storm: do other routes keep their latency? ({when}, commit {commit})")
print()
print(f"{cores} cores (shared, noisy; load average before {lb}, after {la}); {jdk}. The whole stack (launcher:")
print("embedded PostgreSQL, Kafka, six services and the gateway, each `java -Xmx256m -XX:+UseSerialGC`) and")
print("the load generators on this machine, 127.0.0.1 only.")
print()
print(f"Other routes: `GET /api/auth/me` (auth-service, the JVM that hashes) and `GET /api/agents`")
print(f"(agent-service), each at a fixed {rate} req/s through the gateway with a user token (bench/load")
print(f"`FixedRate`: latency from each request's intended send time; 10 s warm-up + {secs} s), measured")
print("before, during and after a login storm: wrk, 8 connections of `POST /api/auth/login` through the")
print("gateway (one user, correct password: Argon2id verify m=19456 KiB, t=2, p=1 on auth-service's")
print(f"hashing pool of {workers}, then a session row and an RS256 token).")
print()
if storm:
    print(f"Storm: **{float(storm['rps']):.1f} logins/s**, p50 {ms(storm['p50_us'])} ms, p99 {ms(storm['p99_us'])} ms (closed loop, 8 connections), statuses {storm['statuses']}.")
    print()
calm = fixed.pop(("calm", "/api/auth/login"), None)
if calm:
    print(f"Calm sign-ins, after the storm with nothing else running: {calm['rate']} logins/s at a fixed rate ({secs} s, `FixedRate`): **p50 {ms(calm['p50_us'])} ms, p99 {ms(calm['p99_us'])} ms**, max {ms(calm['max_us'])} ms, {calm['ok']} of {calm['sent']} answered 2xx.")
    print()
print("| route | phase | answered 2xx/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | p99 vs baseline | errors |")
print("|---|---|---|---|---|---|---|---|---|---|")
verdict = []
for label in ("/api/auth/me", "/api/agents"):
    base = fixed.get(("baseline", label))
    for phase in ("baseline", "storm", "after"):
        d = fixed.get((phase, label))
        if not d: continue
        if int(d["ok"]) == 0 or not base or int(base["ok"]) == 0:
            rel = float("nan")  # nothing answered: no latency to compare
        else:
            rel = int(d["p99_us"]) / int(base["p99_us"]) - 1
        if phase == "storm":
            quiet = [int(q["p99_us"]) for q in (base, fixed.get(("after", label))) if q and int(q["ok"]) > 0]
            strict = int(d["p99_us"]) / min(quiet) - 1 if quiet and int(d["ok"]) > 0 else float("nan")
            verdict.append((label, rel, strict))
        print(f"| `GET {label}` | {phase} | {float(d['achieved_rps']):.0f} | {ms(d['p50_us'])} | {ms(d['p90_us'])} | {ms(d['p99_us'])} | {ms(d['p999_us'])} | {ms(d['max_us'])} | {rel*100:+.0f} % | {int(d['errors'])+int(d['unanswered'])} |")
print()
print("The goal is judged against the quieter of the two unloaded phases (baseline, after): a baseline")
print("disturbed by other load would otherwise flatter the storm.")
print()
print("| goal (issue 10) | p99 vs baseline | p99 vs the quieter unloaded phase | met |")
print("|---|---|---|---|")
for label, rel, strict in verdict:
    met = "no answers: not measured" if strict != strict else ("yes" if strict <= 0.20 else "no")
    print(f"| during a login storm, `GET {label}`'s p99 degrades ≤ 20 % | {rel*100:+.0f} % | {strict*100:+.0f} % | {met} |")
PY
