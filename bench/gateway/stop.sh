#!/usr/bin/env bash
# How long the gateway takes to stop on SIGTERM (no QUARKUS_SHUTDOWN_DELAY), and what a WebSocket
# client is told: on a real local stack (launcher, ports BASE.. = 27500 unless set), one registered
# user, then three gateway stops (the launcher restarts nothing: each case starts a fresh stack):
#   none    no WebSocket was ever opened
#   closed  a WebSocket opened and closed by the client 2 s before the SIGTERM
#   open    a WebSocket open at the SIGTERM (it should get 1012 "server restarting: reconnect")
# Usage: bench/gateway/stop.sh [case...]   (default: none closed open; SKIP_BUILD=1 reuses the jars)
# Prints one line per case; a diagnostic, nothing is appended to bench/results.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BASE="${BASE:-27500}"
CASES=("${@:-none closed open}")
source bench/lib/stack.sh
stack_build
SKIP_BUILD=1

stop_case() {
  local kind=$1 out client="" gpid t0 t1
  ( stack_up "$BASE"
    local gw="http://127.0.0.1:$BASE" user="ws_$(date +%s%N)" token
    token=$(curl -s -H 'Content-Type: application/json' \
      -d "{\"username\":\"$user\",\"email\":\"$user@bench.invalid\",\"password\":\"Ws-stop-pass-$user\"}" \
      "$gw/api/auth/register" | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])')
    out="$STACK_DATA/client.out"
    case $kind in
      closed) java bench/gateway/WsHold.java "ws://127.0.0.1:$BASE/ws" "$token" close > "$out" 2>&1 & client=$! ;;
      open) java bench/gateway/WsHold.java "ws://127.0.0.1:$BASE/ws" "$token" > "$out" 2>&1 & client=$! ;;
    esac
    sleep 5
    gpid=$(pid_on_port "$BASE")
    t0=$(date +%s%N)
    kill -TERM "$gpid"
    while kill -0 "$gpid" 2>/dev/null; do sleep 0.05; done
    t1=$(date +%s%N)
    [[ -n "$client" ]] && { wait "$client" || true; }
    echo "$kind: gateway exited $(( (t1 - t0) / 1000000 )) ms after SIGTERM;" \
      "client: $( [[ -n "$client" ]] && awk -v t0=$((t0 / 1000000)) '$2 == "close" || $2 == "error" {
        $1 = ($1 - t0) " ms after SIGTERM:"; print }' "$out" | tr '\n' ' ' || echo 'none')"
  )
}

for kind in ${CASES[*]}; do stop_case "$kind"; done
