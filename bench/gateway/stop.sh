#!/usr/bin/env bash
# How long the gateway takes to stop on SIGTERM (no QUARKUS_SHUTDOWN_DELAY), and how its WebSocket
# clients are closed: on a real local stack (launcher, ports BASE.. = 27500 unless set), the
# WebSocket client being wsload's idle mode (one user, one socket), a fresh stack per case:
#   none    no WebSocket was ever opened
#   closed  a WebSocket opened, held 1 s and closed by the client before the SIGTERM
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
  local kind=$1
  ( stack_up "$BASE"
    local out="$STACK_DATA/client.out" client="" gpid t0 t1
    local idle=(java -jar "$WSLOAD" idle "gateway=http://127.0.0.1:$BASE" users=1 conns=1)
    case $kind in
      closed) "${idle[@]}" hold=1 > "$out" 2>&1 ;;
      open)
        "${idle[@]}" hold=30 > "$out" 2>&1 &
        client=$!
        until grep -qs READY "$out"; do sleep 0.2; done ;;
    esac
    gpid=$(pid_on_port "$BASE")
    t0=$(date +%s%N)
    kill -TERM "$gpid"
    while kill -0 "$gpid" 2>/dev/null; do sleep 0.05; done
    t1=$(date +%s%N)
    [[ -z "$client" ]] || wait "$client" || true
    echo "$kind: gateway exited $(( (t1 - t0) / 1000000 )) ms after SIGTERM;" \
      "client: $(grep -o 'RESULT.*' "$out" 2>/dev/null || echo none)"
  )
}

for kind in ${CASES[*]}; do stop_case "$kind"; done
