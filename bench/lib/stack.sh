# Sourced by the bench scripts that need the real local stack (deploy/launcher).
# stack_build: packages the services, the launcher and the WebSocket load client (BUILD_FLAGS: more
# Maven flags; offline;
#   SKIP_BUILD=1 skips it and uses the jars already built).
# stack_up <port-base>: starts PostgreSQL, Kafka, the six services and the gateway on base..base+9
#   with a fresh data dir, waits until the launcher says "Switchboard is up", and stops it all on EXIT (a first
#   start after `./switchboard build` records the class-data archives, then starts again).
#   Extra environment for the services goes in STACK_ENV (e.g. "SWITCHBOARD_GATEWAY_WS_...=100").
#   KEEP_LOGS=<dir>: the stack's logs (launcher output, one log per service) are copied there at the end.
# pid_on_port <port>: the pid listening there.  rss_mib <pid>  heap_after_gc_mib <pid>
LAUNCHER=deploy/launcher/target/switchboard-launcher-app.jar
WSLOAD=bench/wsload/target/wsload.jar

# aot_package <module,...> [maven args...]: each service's aot-jar package too, in
# <module>/target/aot (offline), as ./switchboard build makes it
aot_package() {
  ./mvnw -o -q -DskipTests package -pl "$1" "${@:2}" \
    -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=aot
}

stack_build() {
  [[ ${SKIP_BUILD:-} == 1 ]] && return   # SKIP_BUILD=1: use the jars already in target/
  ./mvnw -o -q -DskipTests package ${BUILD_FLAGS:-} \
    -pl deploy/launcher,gateway,auth-service,agent-service,model-service,skill-service,vault-service,pipeline-service
  ./mvnw -o -q -f bench/wsload/pom.xml package
}

stack_up() {
  local base=$1 attempt=0
  trap stack_down EXIT
  # a machine loaded by others can make a service miss its start (e.g. a database pool timeout in
  # Flyway): one more try with a fresh data dir before giving up
  while (( ++attempt <= 2 )); do
    STACK_DATA="$(mktemp -d /tmp/switchboard-bench.XXXXXX)"
    STACK_OUT="$STACK_DATA/stack.out"
    # own session, so stopping the stack's process tree never reaches this script
    env SWITCHBOARD_READY_TIMEOUT_SECONDS="${SWITCHBOARD_READY_TIMEOUT_SECONDS:-300}" ${STACK_ENV:-} \
      SWITCHBOARD_PORT_BASE="$base" SWITCHBOARD_DATA_DIR="$STACK_DATA" \
      setsid java -jar "$LAUNCHER" up > "$STACK_OUT" 2>&1 &
    STACK_PID=$!
    local deadline=$(( $(date +%s) + 600 ))
    until grep -q "Switchboard is up" "$STACK_OUT" 2>/dev/null; do
      if ! kill -0 "$STACK_PID" 2>/dev/null || (( $(date +%s) >= deadline )); then
        echo "stack start $attempt failed:" >&2; tail -5 "$STACK_OUT" | cut -c1-300 >&2
        kill "$STACK_PID" 2>/dev/null && wait "$STACK_PID" 2>/dev/null || true
        rm -rf "$STACK_DATA"
        (( attempt < 2 )) || exit 1
        continue 2
      fi
      sleep 1
    done
    # restarted once at most: a service whose archive could not be written records at every start
    if [[ -z ${STACK_RESTARTED:-} ]] && ! recording_done; then
      STACK_RESTARTED=1
      attempt=$((attempt - 1)) # not a failed attempt
      continue
    fi
    return 0
  done
}

# The first start after `./switchboard build` runs the services in the JVM's recording mode and has
# each write its class-data archive once up (deploy/launcher, ArchiveRecorder), pausing it for a
# few seconds. A measurement must see neither: false when this start recorded; then the archives
# are written and the stack stopped, for the caller to start it again.
recording_done() {
  local recording
  recording=$(grep -c "records its class-data archive" "$STACK_OUT" || true)
  ((recording == 0)) && return 0
  local deadline=$(( $(date +%s) + 300 ))
  until (( $(grep -c "class-data archive recorded" "$STACK_OUT") >= recording )); do
    (( $(date +%s) < deadline )) && kill -0 "$STACK_PID" 2>/dev/null || break
    sleep 1
  done
  echo "stack: $recording service(s) recorded their class-data archive first; starting again" >&2
  kill "$STACK_PID" 2>/dev/null && wait "$STACK_PID" 2>/dev/null || true
  rm -rf "$STACK_DATA"
  return 1
}

stack_down() {
  local rc=$?
  if [[ -n "${STACK_PID:-}" ]]; then
    kill "$STACK_PID" 2>/dev/null && wait "$STACK_PID" 2>/dev/null || true   # java exits 143 on SIGTERM
  fi
  if [[ -n "${KEEP_LOGS:-}" && -n "${STACK_DATA:-}" ]]; then
    mkdir -p "$KEEP_LOGS" && cp -r "$STACK_DATA/stack.out" "$STACK_DATA/logs" "$KEEP_LOGS/" 2>/dev/null || true
  fi
  [[ -n "${STACK_DATA:-}" ]] && rm -rf "$STACK_DATA"
  exit "$rc"
}

pid_on_port() {
  ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

# resident memory of a process and its descendants (auth-service's hashing process is its child), in MiB
rss_mib() {
  local pids=($1) queue=($1) child
  while ((${#queue[@]})); do
    for child in $(pgrep -P "${queue[0]}"); do pids+=("$child"); queue+=("$child"); done
    queue=("${queue[@]:1}")
  done
  for child in "${pids[@]}"; do cat "/proc/$child/status" 2>/dev/null; done \
    | awk '/VmRSS/ {kib += $2} END {printf "%.0f", kib / 1024}'
}

# heap in use right after a full GC (jcmd GC.run), in MiB: the live heap (Serial GC's generations are
# "def new generation"/"tenured generation" on JDK 17, "DefNew"/"Tenured" on JDK 25)
heap_after_gc_mib() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | python3 -c '
import re, sys
used = 0
for line in sys.stdin:
    m = re.search(r"(new generation|tenured generation|DefNew|Tenured|garbage-first heap).*used (\d+)K", line)
    if m:
        used += int(m.group(2))
print(f"{used / 1024:.1f}")'
}

# cpu_ms_of <pid...>: user+sys CPU milliseconds those processes have used so far (summed)
cpu_ms_of() {
  local hz; hz=$(getconf CLK_TCK)
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$(( total + $(awk -v hz="$hz" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz)}' "/proc/$pid/stat") ))
  done
  echo "$total"
}

# cpu_snapshot <port-base>: "name=cpu-ms ..." for each part of the stack (PostgreSQL: all its processes)
cpu_snapshot() {
  local base=$1 out="" i name pid
  local names=(gateway auth agent model skill vault pipeline)
  for i in "${!names[@]}"; do
    pid=$(pid_on_port $((base + i)))
    out+="${names[$i]}=$(cpu_ms_of $pid) "
  done
  pid=$(pid_on_port $((base + 7)))
  out+="postgres=$(cpu_ms_of $pid $(pgrep -P "$pid")) "
  pid=$(pid_on_port $((base + 8)))
  out+="kafka=$(cpu_ms_of $pid)"
  echo "$out"
}
