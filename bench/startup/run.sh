#!/usr/bin/env bash
# Footprint (issue 10 scenario 5): each service's start-up and memory in JVM mode, one service at a
# time (so they do not compete with each other for the 2 cores) against a real PostgreSQL and Kafka
# from the launcher (--infra), with the launcher's JVM settings (-Xms64m -Xmx256m, model-service -Xmx512m,
# -XX:+UseSerialGC). Per run: wall time to /health/ready 200, Quarkus "started in", the CPU time the
# process used until ready (user+sys: much less sensitive to a busy machine than wall time), RSS when
# ready, then RSS and heap in use after a full GC once warmed up (wrk, 2 connections, 5 s on each of
# /health/ready, /openapi and a protected route answered 401, so JIT, pools and buffers are in use;
# auth-service also 5 s of sign-ins, which start its hashing process: RSS counts a service's children).
# Usage: bench/startup/run.sh [runs=3]   (packages the services itself, offline)
# Each service two ways, alternately run by run, side by side: its ordinary package (fast-jar, as the
# container images run it) and as the launcher runs it after a first start (deploy/launcher
# StartupArchive): the aot-jar package (<module>/target/aot) with a class-data archive that one
# earlier start of it recorded (-XX:+RecordDynamicDumpInfo, ready, jcmd VM.cds dynamic_dump, as
# the launcher's ArchiveRecorder does; recorded once per service in this run's data dir).
#   ARCHIVE=0: the ordinary package only.
#   JAVA25_AOT=1: also builds each service's Project Leyden AOT cache (bench/startup/aot-train.sh:
#   aot-jar package in <module>/target/aot, one training run on JDK 25) and measures every service
#   three ways, alternately, side by side: JDK 17 as today (fast-jar), JDK 25 (fast-jar, no cache),
#   JDK 25 + AOT cache (target/aot). JAVA25=<JDK 25 home> (else found as in bench/lib/java25.sh).
#   SERVICES="vault-service auth-service": only those (default: all seven).
#   BEFORE=<root of another checkout, built>: also measures that build of each service ("(before)"),
#   alternately run by run, side by side (git worktree add /tmp/before <commit>, then
#   ./mvnw -o -q -DskipTests package there).
# Goal (issue 10): ready <= 3 s and RSS <= 350 MB per service.
# Appends to bench/results/startup-<date>.md and prints it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
RUNS="${1:-3}"
BASE="${BENCH_PORT_BASE:-25000}"
OUT="bench/results/startup-$(date -u +%Y-%m-%d).md"
SERVICES=(${SERVICES:-auth-service agent-service model-service skill-service vault-service pipeline-service gateway})
source bench/lib/stack.sh
source bench/lib/java25.sh
JAVA17=java
[[ -n ${JAVA25_AOT:-} ]] && find_java25
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }

ARCHIVE=${ARCHIVE:-1}
[[ $ARCHIVE == 1 ]] && [[ -n ${JAVA25_AOT:-} ]] && ARCHIVE=0   # that mode has its own aot-jar rows
stack_build
if [[ $ARCHIVE == 1 && ${SKIP_BUILD:-} != 1 ]]; then
  aot_package "$(IFS=,; echo "${SERVICES[*]}")"
fi
if [[ -n ${JAVA25_AOT:-} ]]; then
  # before this script's own PostgreSQL/Kafka: the training starts its own on the same ports
  TRAINING="$(JAVA25=$JAVA25 SKIP_BUILD=${SKIP_BUILD:-} AOT_PORT_BASE=$BASE bench/startup/aot-train.sh "${SERVICES[@]}")"
  # the training's PostgreSQL may still hold its port for a moment after its launcher exited
  for _ in $(seq 60); do
    ss -Hltn "sport = :$((BASE + 7))" | grep -q . || break
    sleep 0.5
  done
fi
DATA="$(mktemp -d /tmp/switchboard-bench.XXXXXX)"
SWITCHBOARD_PORT_BASE=$BASE SWITCHBOARD_DATA_DIR="$DATA" setsid java -jar "$LAUNCHER" up --infra \
  > "$DATA/infra.out" 2>&1 &
INFRA=$!
trap 'kill $INFRA 2>/dev/null; wait $INFRA 2>/dev/null || true; rm -rf "$DATA"' EXIT   # 143: SIGTERM
until grep -q "Switchboard is up" "$DATA/infra.out" 2>/dev/null; do
  kill -0 $INFRA 2>/dev/null || { cat "$DATA/infra.out"; exit 1; }
  sleep 0.5
done

now_ms() { date +%s%3N; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

# start_service <service> <java> <package dir> <more JVM options>: starts it in the background as
# the launcher would (its JVM settings, environment) on a free port; sets PID, PORT, LOG, START
start_service() {
  local service=$1 java=$2 app=$3 extra=$4 short=${1%-service}
  PORT=$((BASE + 20 + RANDOM % 50)) LOG="$DATA/$1.log"
  local env=(QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$((BASE + 8)) SWITCHBOARD_AUTH_URL=http://127.0.0.1:$((BASE + 1))
    SWITCHBOARD_DATA_DIR="$DATA")
  if [[ $service != gateway ]]; then
    env+=(QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:$((BASE + 7))/switchboard_$short
      QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres)
  fi
  local heap=-Xmx256m
  [[ $service == model-service ]] && heap=-Xmx512m   # as the launcher (offline embedding model)
  [[ $app == /* ]] || app="$ROOT/$app"
  START=$(now_ms)
  env "${env[@]}" $java -Xms64m $heap -XX:+UseSerialGC $extra -jar "$app/quarkus-run.jar" \
    > "$LOG" 2>&1 &
  PID=$!
}

await_ready() {
  until curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready"; do
    kill -0 $PID 2>/dev/null || { tail -20 "$LOG" >&2; exit 1; }
    sleep 0.05
  done
}

# record_archive <service>: one start of its aot-jar package recording, then the archive written
# once it is ready (as the launcher's ArchiveRecorder): $DATA/<service>.jsa; prints what it took
record_archive() {
  local service=$1 archive="$DATA/$1.jsa"
  start_service "$service" "$JAVA17" "$service/target/aot" "-XX:+RecordDynamicDumpInfo"
  await_ready
  local ready=$(( $(now_ms) - START )) begin; begin=$(now_ms)
  jcmd $PID VM.cds dynamic_dump "$archive.tmp" > /dev/null
  kill $PID; wait $PID 2>/dev/null || true
  [[ -s $archive.tmp ]] || { echo "$service: no archive written" >&2; exit 1; }
  mv -f "$archive.tmp" "$archive"
  echo "$service: recording start ready after $ready ms, archive $(( $(stat -c %s "$archive") >> 20 )) MiB written in $(( $(now_ms) - begin )) ms"
}

# one run: measure <service> [java] [package dir] [more JVM options]
# prints "<wall-ms> <started-s> <cpu-ms> <rss-ready-mib> <rss-warm-mib> <heap-warm-mib> <load1>"
measure() {
  local service=$1 java=${2:-$JAVA17} app=${3:-$1/target/quarkus-app} extra=${4:-}
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  start_service "$service" "$java" "$app" "$extra"
  local pid=$PID port=$PORT log=$LOG
  await_ready
  local wall=$(( $(now_ms) - START ))
  local cpu; cpu=$(cpu_ms $pid)
  sleep 1
  local ready; ready=$(rss_mib $pid)
  local path
  for path in /health/ready /openapi /api/agents/x; do
    wrk -t1 -c2 -d5s "http://127.0.0.1:$port$path" > /dev/null 2>&1 || true
  done
  if [[ $service == auth-service ]]; then
    # sign-ins too: the password hasher (and its hashing process, a child counted in the RSS) starts on first use
    local user="startup$RANDOM$RANDOM" body
    body="{\"username\":\"$user\",\"email\":\"$user@bench.invalid\",\"password\":\"Startup-bench-pass-1\"}"
    curl -fs -o /dev/null -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/api/auth/register" || true
    BENCH_METHOD=POST BENCH_BODY="{\"username\":\"$user\",\"password\":\"Startup-bench-pass-1\"}" \
      wrk -t1 -c2 -d5s -s "$ROOT/bench/auth/request.lua" "http://127.0.0.1:$port/api/auth/login" > /dev/null 2>&1 || true
  fi
  sleep 1
  local warm; warm=$(rss_mib $pid)
  local heap_used; heap_used=$(heap_after_gc_mib $pid)
  local started; started=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*')
  kill $pid; wait $pid 2>/dev/null || true
  echo "$wall $started $cpu $ready $warm $heap_used $load"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { local i=$1; shift; printf '%s\n' "$@" | awk -v i="$i" '{print $i}' | median; }

RECORDINGS=()
if [[ $ARCHIVE == 1 ]]; then
  for service in "${SERVICES[@]}"; do
    RECORDINGS+=("$(record_archive "$service")")
  done
fi

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "# Service start-up and memory, JVM mode ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), shared and noisy; $(java -version 2>&1 | head -1)$([[ -n ${JAVA25_AOT:-} ]] && echo " and $("$JAVA25/bin/java" -version 2>&1 | head -1)");"
  echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/results' || echo ' +local changes')."
  echo "The launcher's settings: -Xms64m -Xmx256m (model-service -Xmx512m), -XX:+UseSerialGC; one service at a time,"
  echo "real PostgreSQL and Kafka (launcher --infra). Median of $RUNS runs (each column on its own)."
  echo "\"ready\" = from process start until /health/ready answers 200 (database + Kafka checked); \"CPU to ready\" ="
  echo "user+sys CPU the process used until then (two cores: wall can be below it; on a busy machine wall grows,"
  echo "CPU much less). Warm-up: wrk, 2 connections, 5 s each on /health/ready, /openapi, /api/agents/x (401)."
  echo "Heap = in use after a full GC (jcmd GC.run). Load average (1 min) when each service's runs started."
  echo "Goal (issue 10): ready <= 3 s, RSS <= 350 MB (333.8 MiB) per service."
  if [[ $ARCHIVE == 1 ]]; then
    echo "\"<service>\" = the ordinary package (fast-jar, as the container images run it); \"launcher, archive\" ="
    echo "as the launcher runs it after a first start: the aot-jar package (target/aot) with the class-data archive one"
    echo "earlier start recorded (-XX:+RecordDynamicDumpInfo, ready, jcmd VM.cds dynamic_dump; -XX:SharedArchiveFile),"
    echo "alternately run by run. The recordings (the first start of the aot-jar package, without an archive):"
    echo
    echo '```'
    printf '%s\n' "${RECORDINGS[@]}"
    echo '```'
  fi
  [[ -n ${BEFORE:-} ]] && echo "\"(before)\": the build in $BEFORE (commit $(git -C "$BEFORE" rev-parse --short HEAD)), alternately run by run with this one."
  if [[ -n ${JAVA25_AOT:-} ]]; then
    echo "JAVA25_AOT: each service three ways, alternately run by run: \"JDK 17\" = as today (fast-jar);"
    echo "\"JDK 25\" = the same fast-jar on JDK 25, no cache; \"JDK 25 + AOT cache\" = the aot-jar package"
    echo "(target/aot) with -XX:AOTCache=target/aot/app.aot from one training run (bench/startup/aot-train.sh:"
    echo "ready, 120 requests to health/OpenAPI/401 routes, SIGTERM). The training:"
    echo
    echo '```'
    echo "$TRAINING"
    echo '```'
  fi
  echo
  echo "| service | started in (Quarkus) | ready (wall) | CPU to ready | RSS ready | RSS warmed up | heap after GC | load avg | goal 3 s | goal 350 MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  row() { # row <label> <runs...>
    local label=$1; shift
    local runs=("$@")
    w=$(col 1 "${runs[@]}"); s=$(col 2 "${runs[@]}"); c=$(col 3 "${runs[@]}")
    r=$(col 4 "${runs[@]}"); rw=$(col 5 "${runs[@]}"); h=$(col 6 "${runs[@]}"); l=$(col 7 "${runs[@]}")
    t=$(awk "BEGIN {print ($w <= 3000) ? \"met\" : \"missed\"}")
    m=$(awk "BEGIN {print ($rw * 1048576 <= 350000000) ? \"met\" : \"missed\"}")
    echo "| $label | ${s} s | $(awk "BEGIN {printf \"%.2f\", $w/1000}") s | $(awk "BEGIN {printf \"%.2f\", $c/1000}") s | ${r} MiB | ${rw} MiB | ${h} MiB | $l | $t | $m |"
  }
  for service in "${SERVICES[@]}"; do
    plain=(); archived=(); j25=(); aot=(); before=()
    for _ in $(seq "$RUNS"); do
      plain+=("$(measure "$service")")
      [[ -n ${BEFORE:-} ]] && before+=("$(measure "$service" "$JAVA17" "$BEFORE/$service/target/quarkus-app")")
      [[ $ARCHIVE == 1 ]] && archived+=("$(measure "$service" "$JAVA17" "$service/target/aot" "-XX:SharedArchiveFile=$DATA/$service.jsa")")
      if [[ -n ${JAVA25_AOT:-} ]]; then
        j25+=("$(measure "$service" "$JAVA25/bin/java")")
        aot+=("$(measure "$service" "$JAVA25/bin/java" "$service/target/aot" "-XX:AOTCache=$ROOT/$service/target/aot/app.aot")")
      fi
    done
    if [[ -n ${JAVA25_AOT:-} ]]; then
      row "$service, JDK 17" "${plain[@]}"
      row "$service, JDK 25" "${j25[@]}"
      row "$service, JDK 25 + AOT cache" "${aot[@]}"
    else
      row "$service" "${plain[@]}"
    fi
    [[ $ARCHIVE == 1 ]] && row "$service, launcher, archive" "${archived[@]}"
    [[ -n ${BEFORE:-} ]] && row "$service (before)" "${before[@]}"
  done
  echo
  echo "Load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)."
} > "$DATA/report.md"
{ [[ -s "$OUT" ]] && echo && echo "---" && echo; true; } >> "$OUT"
tee -a "$OUT" < "$DATA/report.md"
