#!/usr/bin/env bash
# Where the gateway's CPU goes on the proxied GET of scenario 1: the gateway in front of the bench
# upstream with a JFR recording (method samples every 10 ms), warmed up, then wrk at 32 connections;
# prints the hottest frames (top of stack, and inclusive by frame) from the recording.
# Usage: bench/gateway/profile.sh [seconds=30]   (SKIP_BUILD=1, BASE as in harness.sh;
#   SAMPLES_OUT=<file> keeps the printed samples, default /tmp/gateway-jfr-samples.txt)
set -euo pipefail
source "$(dirname "$0")/harness.sh"
SECS="${1:-30}"
start_upstream
GATEWAY_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" \
  start_gateway "$GATEWAY_APP" "$GW_PORT" gateway
URL="http://127.0.0.1:$GW_PORT/api/agents/bench"
same_body "$URL" "$TOKEN"
warm_up 30 "$URL" "$TOKEN"
pid=${PROC[gateway]}
jcmd "$pid" JFR.start name=bench settings=profile filename="$TMP/gateway.jfr" > /dev/null
BENCH_TOKEN=$TOKEN wrk -t2 -c32 -d"${SECS}s" --timeout 10s -s "$WRK_LUA" "$URL" | grep BENCH
jcmd "$pid" JFR.stop name=bench > /dev/null
SAMPLES="${SAMPLES_OUT:-/tmp/gateway-jfr-samples.txt}"
jfr print --events jdk.ExecutionSample --stack-depth 64 "$TMP/gateway.jfr" > "$SAMPLES"
echo "samples kept in $SAMPLES"
python3 - "$SAMPLES" <<'PY'
import re, sys, collections
top, incl, n = collections.Counter(), collections.Counter(), 0
stack = None
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("stackTrace = ["):
        stack = []
    elif stack is not None and line.startswith("]"):
        if stack:
            n += 1
            top[stack[0]] += 1
            for f in set(stack):
                incl[f] += 1
        stack = None
    elif stack is not None and line and not line.startswith("..."):
        stack.append(re.sub(r"\s+line:.*", "", line))
print(f"{n} samples")
print("\n== top of stack ==")
for f, c in top.most_common(40):
    print(f"{100*c/n:5.1f}%  {f}")
print("\n== inclusive (switchboard, quarkus, vertx, micrometer, netty handlers) ==")
for f, c in incl.most_common(400):
    if re.search(r"switchboard|quarkus|micrometer|vertx\.(ext|core\.http|httpproxy)|smallrye|jose4j|MDC|UUID|logging", f):
        print(f"{100*c/n:5.1f}%  {f}")
PY
