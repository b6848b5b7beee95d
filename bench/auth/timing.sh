#!/usr/bin/env bash
# Does a failed login take the same time for an unknown user as for a wrong password?
# (An attacker must not learn which usernames exist from response times.) Interleaves N logins of
# each kind against auth-service on a real local stack, each from its own client address so the
# throttle never answers first, and compares the medians and p90s.
# Usage: bench/auth/timing.sh [N=40]  (needs built jars: ./mvnw -DskipTests install)
# Writes bench/results/auth-timing-<date>.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
N="${1:-40}"
BASE=27000
AUTH="http://127.0.0.1:$((BASE + 1))"
DATA="$(mktemp -d /tmp/switchboard-timing.XXXXXX)"
OUT="bench/results/auth-timing-$(date -u +%Y-%m-%d).md"

SWITCHBOARD_PORT_BASE=$BASE SWITCHBOARD_DATA_DIR="$DATA" \
  java -jar deploy/launcher/target/switchboard-launcher-app.jar up > "$DATA/stack.out" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null; rm -rf "$DATA"' EXIT
until grep -q "Switchboard is up" "$DATA/stack.out"; do
  kill -0 $STACK 2>/dev/null || { cat "$DATA/stack.out"; exit 1; }
  sleep 0.5
done

login() { # $1 username, $2 address → seconds
  curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: $2" -d "{\"username\":\"$1\",\"password\":\"not the password\"}" \
    "$AUTH/api/auth/login"
}

run=$RANDOM
for i in $(seq "$N"); do
  curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"known$run$i\",\"email\":\"k$run$i@example.test\",\"password\":\"a long enough password\"}" \
    "$AUTH/api/auth/register"
done
login warmup 10.9.9.9 > /dev/null
: > "$DATA/known" ; : > "$DATA/unknown"
for i in $(seq "$N"); do
  login "known$run$i" "10.1.$((i / 250)).$((i % 250))" >> "$DATA/known"
  login "nobody$run$i" "10.2.$((i / 250)).$((i % 250))" >> "$DATA/unknown"
done

stats() { sort -n "$1" | awk '{a[NR]=$1*1000} END {printf "%.1f %.1f %.1f\n", a[int((NR+1)/2)], a[int(NR*0.9)], a[NR]}'; }
read -r kp50 kp90 kmax < <(stats "$DATA/known")
read -r up50 up90 umax < <(stats "$DATA/unknown")
{
  echo "# Failed-login timing: wrong password vs unknown user ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "$(nproc) cores, $(java -version 2>&1 | head -1); auth-service on the local stack, called"
  echo "directly, $N interleaved logins of each kind, each from its own client address (no throttling)."
  echo
  echo "| failed login | p50 ms | p90 ms | max ms |"
  echo "|---|---|---|---|"
  echo "| existing user, wrong password | $kp50 | $kp90 | $kmax |"
  echo "| unknown user | $up50 | $up90 | $umax |"
  echo
  awk -v k="$kp50" -v u="$up50" 'BEGIN {printf "Median ratio unknown / wrong password: %.2f\n", u / k}'
} | tee "$OUT"
