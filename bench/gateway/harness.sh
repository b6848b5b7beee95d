# Shared by bench/gateway/run.sh and bench/verification/run.sh (sourced, not run): a minimal
# upstream "service" (bench/load Upstream, Vert.x), nginx as a reverse proxy in front of it, and the
# gateway in front of it with token verification on, each a process of this script on 127.0.0.1,
# ports BASE.. (BASE=27000 unless set). Loads with wrk (closed loop) and bench/load FixedRate (open
# loop, latency from each request's intended send time). Everything started here is stopped on exit.
#
# Environment: BASE (27000), SKIP_BUILD=1 (use the jars already built), GATEWAY_APP=<dir of a
# gateway quarkus-app> (the main gateway; default gateway/target/quarkus-app), GATEWAY_JAVA_OPTS (extra
# JVM options for the gateway, e.g. a JFR recording), GATEWAY_BEFORE=<dir of a
# gateway quarkus-app> (also runs that build as "gateway (before)" on BASE+3, side by side),
# GATEWAY_AFTER_JAVA_OPTS (options for the main gateway only: a setting measured against "before"
# with the same build, e.g. GATEWAY_BEFORE=gateway/target/quarkus-app).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BASE="${BASE:-27000}"
GW_PORT=$BASE
UP_PORT=$((BASE + 1))
NGINX_PORT=$((BASE + 2))
BEFORE_PORT=$((BASE + 3))
LOAD_JAR=bench/load/target/load.jar
GATEWAY_APP="${GATEWAY_APP:-$ROOT/gateway/target/quarkus-app}"
WRK_LUA="$ROOT/bench/gateway/wrk.lua"
PIDS=()
declare -A PROC   # target name -> the pids whose CPU time serves it

command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
command -v nginx >/dev/null || { echo "needs nginx: apt-get install -y nginx" >&2; exit 1; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -o -q -DskipTests package -pl gateway -am
  ./mvnw -o -q -f bench/load/pom.xml package
fi

TMP="$(mktemp -d /tmp/switchboard-gwbench.XXXXXX)"
stop_all() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
  exit "$rc"
}
trap stop_all EXIT

# wait_http <url> <what>: until the url answers at all (any status), 120 s at most
wait_http() {
  local deadline=$(( $(date +%s) + 120 ))
  until curl -s -o /dev/null "$1"; do
    (( $(date +%s) < deadline )) || { echo "$2 not up in 120 s" >&2; tail -30 "$TMP"/*.out >&2; exit 1; }
    sleep 0.5
  done
}

start_upstream() {
  java -Xmx128m -XX:+UseSerialGC -cp "$LOAD_JAR" io.switchboard.bench.load.Upstream \
    "$UP_PORT" "$TMP/token" 2 > "$TMP/upstream.out" 2>&1 &
  PIDS+=($!)
  PROC[direct]=$!
  wait_http "http://127.0.0.1:$UP_PORT/health/ready" upstream
  until [[ -s "$TMP/token" ]]; do sleep 0.1; done
  TOKEN="$(cat "$TMP/token")"
}

start_nginx() {
  mkdir -p "$TMP/nginx"
  cat > "$TMP/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $TMP/nginx/body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  upstream service { server 127.0.0.1:$UP_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://service;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
    }
  }
}
EOF
  nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx" > "$TMP/nginx.out" 2>&1 &
  PIDS+=($!)
  local master=$!
  wait_http "http://127.0.0.1:$NGINX_PORT/api/agents/bench" nginx
  PROC[nginx]="$master $(pgrep -P "$master" | xargs)"
}

# start_gateway <quarkus-app dir> <port> <name>: the gateway as the launcher runs it (-Xmx256m,
# SerialGC, prod profile), every service pointed at the upstream, verifying against its JWKS.
# No Kafka here: the revocation feed and the WebSocket event feed are off (the per-request
# revocation check, a map lookup, still runs).
start_gateway() {
  local app=$1 port=$2 name=$3
  mkdir -p "$TMP/$name-data"
  local up="http://127.0.0.1:$UP_PORT"
  env SWITCHBOARD_AUTH_URL="$up" \
    SWITCHBOARD_GATEWAY_SERVICES_AUTH_URL="$up" SWITCHBOARD_GATEWAY_SERVICES_AGENT_URL="$up" \
    SWITCHBOARD_GATEWAY_SERVICES_MODEL_URL="$up" SWITCHBOARD_GATEWAY_SERVICES_SKILL_URL="$up" \
    SWITCHBOARD_GATEWAY_SERVICES_VAULT_URL="$up" SWITCHBOARD_GATEWAY_SERVICES_PIPELINE_URL="$up" \
    SWITCHBOARD_REVOCATION_ENABLED=false SWITCHBOARD_GATEWAY_WS_EVENTS_ENABLED=false \
    SWITCHBOARD_HEALTH_KAFKA_ENABLED=false SWITCHBOARD_DATA_DIR="$TMP/$name-data" \
    QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 \
    java -Xmx256m -XX:+UseSerialGC ${GATEWAY_JAVA_OPTS:-} $([[ $name == gateway ]] && echo "${GATEWAY_AFTER_JAVA_OPTS:-}") \
      -jar "$app/quarkus-run.jar" > "$TMP/$name.out" 2>&1 &
  PIDS+=($!)
  PROC[$name]=$!
  wait_http "http://127.0.0.1:$port/health/live" "$name"
}

# start_before: when GATEWAY_BEFORE is set, that build as "before" on BEFORE_PORT, side by side,
# added to the caller's TARGETS and URL
start_before() {
  [[ -n "${GATEWAY_BEFORE:-}" ]] || return 0
  start_gateway "$GATEWAY_BEFORE" "$BEFORE_PORT" before
  TARGETS+=(before)
  URL[before]="http://127.0.0.1:$BEFORE_PORT/api/agents/bench"
}

# expect <status> <curl args...>
expect() {
  local want=$1; shift
  local got; got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  [[ $got == "$want" ]] || { echo "expected $want, got $got: $*" >&2; exit 1; }
}

# same_body <url> [token]: the answer is the upstream's small JSON
same_body() {
  local got; got=$(curl -fs ${2:+-H "Authorization: Bearer $2"} "$1")
  [[ $got == *'"id":"bench"'* ]] || { echo "unexpected body from $1: $got" >&2; exit 1; }
}

# warm_up <seconds> <url> [token]: load a JVM target until its JIT has compiled the hot path (on a
# busy machine a fresh JVM needs far longer than the 5 s each row starts with)
warm_up() {
  BENCH_TOKEN=${3:-} wrk -t2 -c32 -d"$1s" --timeout 10s -s "$WRK_LUA" "$2" > /dev/null
}

# cpu_ticks <pids...>: user+system CPU time they used so far, in clock ticks (1/100 s)
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  echo "$total"
}

# wrk_row <name> <connections> <url> <seconds> [token] [cpu-name]: 5 s warm-up, then the measured
# run, with the CPU time the target's processes (PROC[cpu-name], default name) used meanwhile;
# appends "wrk <name> <connections> BENCH ... cpu_ticks=.." to $TMP/rows.txt
wrk_row() {
  local name=$1 conns=$2 url=$3 secs=$4 token=${5:-} cpu=${6:-$1}
  BENCH_TOKEN=$token wrk -t2 -c"$conns" -d5s --timeout 10s -s "$WRK_LUA" "$url" > /dev/null
  local before; before=$(cpu_ticks ${PROC[$cpu]})
  BENCH_TOKEN=$token wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s "$WRK_LUA" "$url" \
    > "$TMP/wrk-$name-$conns.txt"
  local used=$(( $(cpu_ticks ${PROC[$cpu]}) - before ))
  echo "wrk $name $conns $(grep '^BENCH' "$TMP/wrk-$name-$conns.txt") cpu_ticks=$used" \
    | tee -a "$TMP/rows.txt" >&2
}

# fixed_row <name> <rate> <url> <seconds> [token]: 10 s warm-up at the rate, then the measured run;
# appends "fixed <name> <rate> FIXED ..." to $TMP/rows.txt
fixed_row() {
  local name=$1 rate=$2 url=$3 secs=$4 token=${5:-}
  local line
  line=$(java -Xmx128m -XX:+UseSerialGC -cp "$LOAD_JAR" io.switchboard.bench.load.FixedRate \
    url="$url" rate="$rate" seconds="$secs" warmup=10 label="$name" ${token:+token="$token"} \
    2>"$TMP/fixed-$name.err" | grep '^FIXED')
  echo "fixed $name $rate $line" | tee -a "$TMP/rows.txt" >&2
}

machine_line() {
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB;" \
    "load average before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$(java -version 2>&1 | head -1); $(nginx -v 2>&1 | cut -d' ' -f3); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
}
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- gateway libs bench || echo '+uncommitted')"
