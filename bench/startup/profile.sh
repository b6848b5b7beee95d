#!/usr/bin/env bash
# Where a service's start-up CPU goes: the service started once against a real PostgreSQL and Kafka
# (launcher --infra, ports BASE..), with a JFR recording from the first instruction until
# /health/ready answers 200; prints the share of CPU samples per component (a sample counts for
# every component on its stack) and per thread.
# Usage: bench/startup/profile.sh [service=vault-service]   (BASE=25000; uses the packaged jars;
#   KEEP=<dir>: the recording and its printed samples are copied there, to look further)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
SERVICE="${1:-vault-service}"
BASE="${BASE:-25000}"
LAUNCHER=deploy/launcher/target/switchboard-launcher-app.jar
DATA="$(mktemp -d /tmp/switchboard-sprof.XXXXXX)"
SWITCHBOARD_PORT_BASE=$BASE SWITCHBOARD_DATA_DIR="$DATA" setsid java -jar "$LAUNCHER" up --infra \
  > "$DATA/infra.out" 2>&1 &
INFRA=$!
trap 'kill $INFRA 2>/dev/null; wait $INFRA 2>/dev/null || true; rm -rf "$DATA"' EXIT   # 143: SIGTERM
until grep -q "Switchboard is up" "$DATA/infra.out" 2>/dev/null; do
  kill -0 $INFRA 2>/dev/null || { cat "$DATA/infra.out" >&2; exit 1; }
  sleep 0.5
done
short=${SERVICE%-service}
port=$((BASE + 30))
env=(QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((BASE + 8))
  SWITCHBOARD_AUTH_URL=http://127.0.0.1:$((BASE + 1)) SWITCHBOARD_DATA_DIR="$DATA")
[[ $SERVICE == gateway ]] || env+=(
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$((BASE + 7))/switchboard_$short
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres)
env "${env[@]}" java -Xms64m -Xmx256m -XX:+UseSerialGC \
  -XX:StartFlightRecording=filename="$DATA/start.jfr",settings=profile \
  -jar "$SERVICE/target/quarkus-app/quarkus-run.jar" > "$DATA/$SERVICE.log" 2>&1 &
pid=$!
start=$(date +%s%3N)
until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
  kill -0 $pid 2>/dev/null || { tail -20 "$DATA/$SERVICE.log" >&2; exit 1; }
  sleep 0.05
done
echo "$SERVICE ready after $(( $(date +%s%3N) - start )) ms (with the recording on); load $(cut -d' ' -f1-3 /proc/loadavg)"
jcmd $pid JFR.dump filename="$DATA/start.jfr" > /dev/null
kill $pid; wait $pid 2>/dev/null || true
jfr print --events jdk.ExecutionSample --stack-depth 200 "$DATA/start.jfr" > "$DATA/samples.txt"
[[ -z ${KEEP:-} ]] || { mkdir -p "$KEEP"; cp "$DATA/start.jfr" "$DATA/samples.txt" "$KEEP/"; }
python3 - "$DATA/samples.txt" <<'PY'
import re, sys, collections
parts = ("io.quarkus.hibernate", "org.hibernate", "io.quarkus.flyway", "org.flywaydb", "io.quarkus.arc",
         "io.smallrye.config", "io.quarkus.opentelemetry", "org.apache.kafka", "io.smallrye.openapi",
         "io.micrometer", "io.agroal", "org.postgresql", "io.vertx", "io.netty", "com.fasterxml.jackson",
         "io.switchboard", "java.util.zip", "java.lang.ClassLoader", "jdk.internal.loader", "sun.security")
share, threads, n, stack, thread = collections.Counter(), collections.Counter(), 0, None, None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("sampledThread = "):
        thread = re.sub(r"\(.*", "", line[16:]).strip('" ')
    elif line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None and line.startswith("]"):
        n += 1; threads[thread] += 1
        classes = [m.group(1) for m in (re.match(r"([\w.$]+)\.[\w$<>]+\(", f) for f in stack) if m]
        for p in parts:
            if any(c.startswith(p) for c in classes):
                share[p] += 1
        stack = None
    elif stack is not None and line and not line.startswith("..."):
        stack.append(line)
print(f"{n} CPU samples until ready; by thread: " + ", ".join(f"{t} {c}" for t, c in threads.most_common(6)))
for p, c in share.most_common():
    print(f"{100 * c / n:5.1f} %  {p}")
PY
