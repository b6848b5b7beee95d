#!/usr/bin/env bash
# Time to safepoint with a low-priority hashing thread (why auth-service's own routes stall during a
# login storm): bench/login/ttsp/TtspProbe (one Argon2id thread at the given niceness, the main thread
# allocating so young collections happen) under -XX:+UseSerialGC -Xlog:safepoint, with two busy
# loops at niceness 0 taking both cores (as the rest of the stack does during a storm), for each
# niceness in turn. Prints the distribution of "Reaching safepoint" per niceness.
# Usage: bench/login/ttsp.sh [seconds=20] [niceness...=10 0]   (needs auth-service's test classes:
#   ./mvnw -o -q -pl auth-service test-compile)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SECS="${1:-20}"; [[ $# -gt 0 ]] && shift
LEVELS=("$@"); [[ ${#LEVELS[@]} -eq 0 ]] && LEVELS=(10 0)
TMP="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT
BC="$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/*/bcprov-jdk18on-*.jar | tail -1)"
LOGGING="$(ls ~/.m2/repository/org/jboss/logging/jboss-logging/*/jboss-logging-*.jar | grep -v sources | tail -1)"
CP="auth-service/target/classes:auth-service/target/test-classes:$BC:$LOGGING"
javac -d "$TMP/out" -cp "$CP" bench/login/ttsp/TtspProbe.java
for nice in "${LEVELS[@]}"; do
  yes > /dev/null & H1=$!; yes > /dev/null & H2=$!
  java -Xms64m -Xmx256m -XX:+UseSerialGC -Xlog:safepoint:file="$TMP/sp.log" -cp "$CP:$TMP/out" \
    io.switchboard.auth.password.TtspProbe "$nice" "$SECS"
  kill $H1 $H2
  grep -o 'Reaching safepoint: [0-9]* ns' "$TMP/sp.log" | awk '{print $3}' | sort -n | awk -v n="$nice" \
    '{a[NR]=$1} END {printf "hashing at niceness %s: %d safepoints, time to safepoint p50 %.1f ms, p90 %.1f, p99 %.1f, max %.1f\n", n, NR, a[int(NR*0.5)]/1e6, a[int(NR*0.9)]/1e6, a[int(NR*0.99)]/1e6, a[NR]/1e6}'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
