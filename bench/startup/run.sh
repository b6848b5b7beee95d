#!/usr/bin/env bash
# Start-up time and memory of each service in JVM mode, measured one service at a time (so they do
# not compete for the 2 cores) against a real PostgreSQL and Kafka from the launcher (--infra).
# Usage: bench/startup/run.sh [runs=3]   (needs built jars: ./mvnw -DskipTests install)
# Writes bench/results/startup-<date>.md and prints it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${1:-3}"
BASE=25000
DATA="$(mktemp -d /tmp/switchboard-bench.XXXXXX)"
LAUNCHER=deploy/launcher/target/switchboard-launcher-app.jar
OUT="bench/results/startup-$(date -u +%Y-%m-%d).md"
SERVICES=(auth-service agent-service model-service skill-service vault-service pipeline-service gateway)

[[ -f "$LAUNCHER" ]] || { echo "build first: ./mvnw -DskipTests install" >&2; exit 1; }

SWITCHBOARD_PORT_BASE=$BASE SWITCHBOARD_DATA_DIR="$DATA" java -jar "$LAUNCHER" up --infra \
  > "$DATA/infra.out" 2>&1 &
INFRA=$!
trap 'kill $INFRA 2>/dev/null; wait $INFRA 2>/dev/null; rm -rf "$DATA"' EXIT
until grep -q "is up" "$DATA/infra.out" 2>/dev/null; do
  kill -0 $INFRA 2>/dev/null || { cat "$DATA/infra.out"; exit 1; }
  sleep 0.5
done

now_ms() { date +%s%3N; }

# one run: prints "<wall-ms-to-ready> <quarkus-started-in-s> <rss-kib>"
measure() {
  local service=$1 short=${1%-service} port=$((BASE + 20 + RANDOM % 50)) log="$DATA/$1.log"
  local env=(QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((BASE + 8)) SWITCHBOARD_AUTH_URL=http://127.0.0.1:$((BASE + 1))
    SWITCHBOARD_DATA_DIR="$DATA")
  if [[ $service != gateway ]]; then
    env+=(QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$((BASE + 7))/switchboard_$short
      QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres)
  fi
  local start; start=$(now_ms)
  env "${env[@]}" java -Xmx256m -XX:+UseSerialGC -jar "$service/target/quarkus-app/quarkus-run.jar" \
    > "$log" 2>&1 &
  local pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    kill -0 $pid 2>/dev/null || { tail -20 "$log" >&2; exit 1; }
    sleep 0.05
  done
  local wall=$(( $(now_ms) - start ))
  sleep 1
  local rss; rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  local started; started=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*')
  kill $pid; wait $pid 2>/dev/null || true
  echo "$wall $started $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

{
  echo "# Service start-up, JVM mode ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "$(nproc) cores, $(java -version 2>&1 | head -1), -Xmx256m -XX:+UseSerialGC, one service at a time,"
  echo "real PostgreSQL and Kafka (launcher --infra). Median of $RUNS runs."
  echo "\"ready\" = from process start until /health/ready answers 200 (database + Kafka checked)."
  echo
  echo "| service | started in (Quarkus) | ready (wall) | RSS after ready |"
  echo "|---|---|---|---|"
  for service in "${SERVICES[@]}"; do
    walls=() starts=() rsss=()
    for _ in $(seq "$RUNS"); do
      read -r wall started rss < <(measure "$service")
      walls+=("$wall"); starts+=("$started"); rsss+=("$rss")
    done
    w=$(printf '%s\n' "${walls[@]}" | median)
    s=$(printf '%s\n' "${starts[@]}" | median)
    r=$(printf '%s\n' "${rsss[@]}" | median)
    echo "| $service | ${s} s | $(awk "BEGIN {printf \"%.2f\", $w/1000}") s | $((r / 1024)) MiB |"
  done
} | tee "$OUT"
