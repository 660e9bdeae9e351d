#!/usr/bin/env bash
# The whole performance run of issue #5 on this box, with one command: starts `recstream dev`
# (embedded PostgreSQL and Kafka, every service, -Xmx2g) serving the two-stage Beauty package,
# bulk-imports the Beauty dataset (timing the import), then runs the same-run baselines and the
# load scenarios against it (dev.recstream.bench.suite.PerfSuite) and stops everything.
# Takes about six minutes. Results: OUT/results.md and OUT/results.json (default bench/target/perf).
# Usage (after `mvn -q package -DskipTests`): bench/perf.sh [OUT]
# Environment: RECSTREAM_BENCH_DATASET (sequences format; default the Amazon Beauty sequences),
#              RECSTREAM_BENCH_PORT (gateway port; default 18080).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/target/perf}
DATASET=${RECSTREAM_BENCH_DATASET:-../shared/datasets/amazon-beauty/sequences.txt}
PORT=${RECSTREAM_BENCH_PORT:-18080}
PKG=recstream-models/beauty
if [ ! -f "$PKG/model.json" ]; then
  java -jar services/app/target/recstream.jar train --data "$DATASET" --format sequences --out "$PKG" >/dev/null
fi

WORK=$(mktemp -d)
# The system runs from a copy of the jar: a rebuild during the run must not pull classes from under it.
cp services/app/target/recstream.jar "$WORK/recstream.jar"
mkdir -p "$WORK/data/models" && cp -r "$PKG" "$WORK/data/models/"
java -Xmx2g -jar "$WORK/recstream.jar" dev --data-dir "$WORK/data" --http-port "$PORT" >"$WORK/dev.log" 2>&1 </dev/null &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do
  grep -q "is ready" "$WORK/dev.log" && break
  kill -0 $PID 2>/dev/null || { cat "$WORK/dev.log"; exit 1; }
  sleep 1
done
PG=$(grep -o 'RECSTREAM_PG_URL=[^ ]*' "$WORK/dev.log" | cut -d= -f2-)
KAFKA=$(grep -o 'RECSTREAM_KAFKA_BOOTSTRAP=[^ ]*' "$WORK/dev.log" | cut -d= -f2-)

IMPORT=$(RECSTREAM_PG_URL="$PG" java -jar "$WORK/recstream.jar" import --format sequences "$DATASET" 2>/dev/null | tail -1)
echo "$IMPORT" >&2
java -cp bench/target/benchmarks.jar dev.recstream.bench.suite.PerfSuite --http "http://127.0.0.1:$PORT" \
  --kafka "$KAFKA" --pg "$PG" --package "$PKG" --replay "$DATASET" --pid $PID \
  --label "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), recstream dev -Xmx2g, $(nproc) cores" \
  --note "Bulk import before the scenarios (recstream import --format sequences $(basename "$DATASET"), into the same PostgreSQL): $IMPORT" \
  --out "$OUT"
