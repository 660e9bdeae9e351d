#!/usr/bin/env bash
# Time from launching `recstream dev` to GET /health/ready answering 200, over several runs:
# first starts on an empty data directory, then warm restarts on the same one.
# Usage: bench/dev-startup.sh [runs]    (after `mvn -q package -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=services/app/target/recstream.jar
RUNS=${1:-5}
PORT=18765
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

time_to_ready() { # data-dir
  local start pid
  start=$(date +%s.%N)
  java -jar "$JAR" dev --data-dir "$1" --http-port "$PORT" >"$WORK/out" 2>"$WORK/err" &
  pid=$!
  until curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "dev exited early:" >&2; tail -5 "$WORK/err" >&2; exit 1; }
    sleep 0.05
  done
  awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", e - s }'
  kill -TERM "$pid"; wait "$pid" || true
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

fresh=(); warm=()
for i in $(seq "$RUNS"); do
  fresh+=("$(time_to_ready "$WORK/data-$i")")
  warm+=("$(time_to_ready "$WORK/data-$i")")
done
echo "runs=$RUNS"
echo "fresh data dir: median $(printf '%s\n' "${fresh[@]}" | median) s  (all: ${fresh[*]})"
echo "warm restart:   median $(printf '%s\n' "${warm[@]}" | median) s  (all: ${warm[*]})"
