#!/usr/bin/env bash
# Sign-ins beyond what paced hashing serves: how long do they wait, and when are they refused?
# Against a real local stack (launcher) on ports BASE.. (27500 unless set): one registered user, then
# POST /api/auth/login through the gateway at a fixed RATE (bench/load FixedRate: open loop, latency
# from each request's intended send time, 60 s timeout) for SECS, after a calm warm-up of 10 s at 2/s.
# A closed-loop tool would only show how fast refusals come back (wrk at 64 connections resends each
# 429 at once, ~1,000 a second, which starves the hashing thread itself: results/auth-login-*.md).
# Usage: bench/login/overload.sh [seconds=30] [rate=20]   (SKIP_BUILD=1 reuses the jars)
# Appends to bench/results/login-overload-<date>.md and prints the run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECS="${1:-30}"
RATE="${2:-20}"
BASE="${BASE:-27500}"
GW="http://127.0.0.1:$BASE"
OUT="bench/results/login-overload-$(date -u +%Y-%m-%d).md"
LOAD_JAR=bench/load/target/load.jar
source bench/lib/stack.sh
BUILD_FLAGS=-am stack_build
[[ "${SKIP_BUILD:-0}" == 1 ]] || ./mvnw -o -q -f bench/load/pom.xml package
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- auth-service gateway libs || echo '+uncommitted')"
SWITCHBOARD_READY_TIMEOUT_SECONDS=${READY_TIMEOUT:-480} stack_up "$BASE"
TMP="$STACK_DATA/bench"; mkdir -p "$TMP"

USER_NAME="bench_$(date +%s)"
PASSWORD="Bench-run-pass-$(date +%s)-x"
LOGIN="{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}"
code=$(curl -s -o "$TMP/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USER_NAME\",\"email\":\"$USER_NAME@bench.invalid\",\"password\":\"$PASSWORD\"}" \
  "$GW/api/auth/register")
[[ $code == 201 ]] || { echo "register: $code $(cat "$TMP/register.json")" >&2; exit 1; }

fixed() { # <label> <rate> <seconds> <warm-up>
  java -Xmx128m -XX:+UseSerialGC -cp "$LOAD_JAR" io.switchboard.bench.load.FixedRate \
    url="$GW/api/auth/login" method=POST body="$LOGIN" rate="$2" seconds="$3" warmup="$4" \
    timeout=60 label="$1" 2> "$TMP/$1.err" | grep '^FIXED'
}
fixed calm 2 10 0 > /dev/null
ROW="$(fixed overload "$RATE" "$SECS" 0)"
echo "$ROW" >&2

{ [[ -s "$OUT" ]] && echo && echo "---" && echo; true; } >> "$OUT"
python3 - "$ROW" "$(date -u +%Y-%m-%dT%H:%MZ)" "$COMMIT" "$SECS" "$RATE" "$(nproc)" <<'PY' | tee -a "$OUT"
import sys
row, when, commit, secs, rate, cores = sys.argv[1:7]
d = dict(x.split("=", 1) for x in row.split()[1:])
def ms(us): v = int(us) / 1000; return f"{v:.1f}"
print(f"# Sign-ins beyond the paced rate ({when}, commit {commit})")
print()
print(f"{cores} cores, the whole stack and the load generator on this machine. `POST /api/auth/login` through the")
print(f"gateway at a fixed {rate}/s for {secs} s (open loop, latency from the intended send time, 60 s timeout), one")
print("user, correct password, auth-service's defaults (one hashing worker on 2 cores, paced).")
print()
print("| sent | statuses | errors / unanswered | p50 ms | p90 ms | p99 ms | max ms |")
print("|---|---|---|---|---|---|---|")
print(f"| {d['sent']} | {d['statuses']} | {d['errors']} / {d['unanswered']} | {ms(d['p50_us'])} | {ms(d['p90_us'])} | {ms(d['p99_us'])} | {ms(d['max_us'])} |")
PY
