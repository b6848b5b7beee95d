#!/usr/bin/env bash
# Builds a Project Leyden AOT cache (JDK 25+, JEP 483/514/515) for each service: packages it as
# Quarkus' aot-jar (a flat class path the JVM's own class loaders read, so the application's classes
# can be cached; fast-jar's RunnerClassLoader keeps them out) into <module>/target/aot/, then one
# training run per service with JDK 25 against a real PostgreSQL and Kafka (launcher --infra):
# start with -XX:AOTCacheOutput, wait for /health/ready, a few requests, SIGTERM; the JVM writes
# <module>/target/aot/app.aot when it exits. The launcher then runs target/aot with that cache when
# it runs on a JDK 25+ itself (see bench/README.md, "Start-up with an AOT cache").
# Usage: bench/startup/aot-train.sh [service...]   (default: all seven)
#   JAVA25=<JDK 25+ home>: default $JAVA_HOME if it is 25+, else the newest /usr/lib/jvm/* that is
#   SKIP_BUILD=1: use the aot-jar packages already in <module>/target/aot (and the launcher's jar)
#   AOT_PORT_BASE=25000: ports of the training's PostgreSQL/Kafka (base+7, base+8) and services
# The cache belongs to those exact jars and that JDK: re-run after every build (a stale cache is
# ignored by the JVM with a warning, and the launcher skips it when the service was built again).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BASE="${AOT_PORT_BASE:-25000}"
SERVICES=("$@")
[[ ${#SERVICES[@]} -gt 0 ]] ||
  SERVICES=(auth-service agent-service model-service skill-service vault-service pipeline-service gateway)

source bench/lib/stack.sh
source bench/lib/java25.sh
find_java25

if [[ ${SKIP_BUILD:-} != 1 ]]; then
  # Java 17 stays the build JDK (JAVA_HOME/java as for every other build); only the package differs
  modules=$(IFS=,; echo "${SERVICES[*]}")
  aot_package "deploy/launcher,$modules" -am
fi

DATA="$(mktemp -d /tmp/switchboard-aot.XXXXXX)"
SWITCHBOARD_PORT_BASE=$BASE SWITCHBOARD_DATA_DIR="$DATA" setsid java -jar "$LAUNCHER" up --infra \
  > "$DATA/infra.out" 2>&1 &
INFRA=$!
trap 'kill $INFRA 2>/dev/null; wait $INFRA 2>/dev/null || true; rm -rf "$DATA"' EXIT
until grep -q "Switchboard is up" "$DATA/infra.out" 2>/dev/null; do
  kill -0 $INFRA 2>/dev/null || { cat "$DATA/infra.out" >&2; exit 1; }
  sleep 0.5
done

echo "training with $("$JAVA25/bin/java" -version 2>&1 | head -1)"
for service in "${SERVICES[@]}"; do
  app="$ROOT/$service/target/aot"
  [[ -f $app/quarkus-run.jar ]] || { echo "$app/quarkus-run.jar is missing (run without SKIP_BUILD)" >&2; exit 1; }
  short=${service%-service} port=$((BASE + 10)) log="$DATA/$service.log"
  env=(QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((BASE + 8))
    SWITCHBOARD_AUTH_URL=http://127.0.0.1:$((BASE + 1)) SWITCHBOARD_DATA_DIR="$DATA")
  [[ $service == gateway ]] || env+=(
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$((BASE + 7))/switchboard_$short
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres)
  heap=-Xmx256m
  [[ $service == model-service ]] && heap=-Xmx512m
  rm -f "$app/app.aot"
  start=$(date +%s%3N)
  # the launcher's JVM options (ServiceProcess.jvmOptions): a cache is only used with the same GC
  (cd "$ROOT" && exec env "${env[@]}" "$JAVA25/bin/java" -Xms64m $heap -XX:+UseSerialGC \
    -XX:AOTCacheOutput="$app/app.aot" -jar "$app/quarkus-run.jar") > "$log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
    kill -0 $pid 2>/dev/null || { tail -20 "$log" >&2; exit 1; }
    sleep 0.1
  done
  ready=$(( $(date +%s%3N) - start ))
  # a little traffic: health, OpenAPI, the security stack refusing a missing and a bad token
  for _ in $(seq 10); do
    for path in /health/ready /health/live /openapi /api/agents /api/credentials /api/auth/me; do
      curl -s -o /dev/null "http://127.0.0.1:$port$path"
      curl -s -o /dev/null -H 'Authorization: Bearer x.y.z' "http://127.0.0.1:$port$path"
    done
  done
  stop=$(date +%s%3N)
  kill $pid
  wait $pid 2>/dev/null || true   # 143 after SIGTERM; the cache is written on the way out
  [[ -s $app/app.aot ]] || { tail -20 "$log" >&2; echo "$service: no cache written" >&2; exit 1; }
  echo "$service: $(du -m "$app/app.aot" | cut -f1) MiB $app/app.aot (training run ready after $ready ms," \
    "cache written in $(( $(date +%s%3N) - stop )) ms; $(grep -c 'aot.*Skipping' "$log") classes skipped)"
done
