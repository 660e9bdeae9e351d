#!/usr/bin/env bash
# Two builds of recstream, A and B, run in turn (A 1, B 1, A 2, …) on the default `dev`: each run
# starts a fresh `dev -Xmx2g`, measures its PostgreSQL alone (bench/baselines.sh --only pg), warms
# up for 10 s at 1,000 events/s, then sends 20 s each over HTTP and Kafka at 1,000 and 5,000
# events/s (bench/load.sh: 2,000 users, Zipf popularity over 5,000 items). Results per run under OUT.
# Used for the fsync cost of issue #11 (A = fsync off, B = fsync on), and with one jar and
# different `dev` arguments (A_ARGS, B_ARGS) for the metrics service's cost of issue #13:
#   B_ARGS=--services=ingestion,store,scoring,gateway bench/intake-ab.sh JAR JAR OUT
# Usage (after `mvn -q package -DskipTests`): [A_ARGS=…] [B_ARGS=…] bench/intake-ab.sh JAR_A JAR_B OUT [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; OUT=$3; RUNS=${4:-3}
BENCH=bench/target/benchmarks.jar
PORT=18093
mkdir -p "$OUT"

one() { # label jar run dev-args
  local label=$1 jar=$2 run=$3 args=$4 dir pid pg kafka transport rate extra
  dir=$(mktemp -d)
  # shellcheck disable=SC2086 # the extra dev arguments are words
  java -Xmx2g -jar "$jar" dev --data-dir "$dir/data" --http-port $PORT $args >"$OUT/$label-$run.dev.out" 2>"$OUT/$label-$run.dev.err" &
  pid=$!
  for _ in $(seq 1 240); do grep -q "is ready" "$OUT/$label-$run.dev.out" 2>/dev/null && break; sleep 0.5; done
  pg=$(grep -o 'RECSTREAM_PG_URL=[^ ]*' "$OUT/$label-$run.dev.out" | cut -d= -f2-)
  kafka=$(grep -o 'RECSTREAM_KAFKA_BOOTSTRAP=[^ ]*' "$OUT/$label-$run.dev.out" | cut -d= -f2-)
  java -cp $BENCH dev.recstream.bench.baseline.Baselines --pg "$pg" --only pg >"$OUT/$label-$run.pg.txt" 2>&1 || true
  java -cp $BENCH dev.recstream.bench.load.LoadRun --http http://127.0.0.1:$PORT --rate 1000 --seconds 10 \
    --users 2000 --items 5000 --grace 10 >/dev/null 2>&1 || true
  for transport in http kafka; do
    for rate in 1000 5000; do
      extra=""; [ $transport = kafka ] && extra="--kafka $kafka"
      java -cp $BENCH dev.recstream.bench.load.LoadRun --http http://127.0.0.1:$PORT $extra --rate $rate --seconds 20 \
        --users 2000 --items 5000 --grace 20 --out "$OUT/$label-$run-$transport-$rate" \
        >"$OUT/$label-$run-$transport-$rate.txt" 2>&1 || true
    done
  done
  kill $pid; wait $pid || true
  rm -rf "$dir"
}

for run in $(seq 1 "$RUNS"); do
  one a "$A" "$run" "${A_ARGS:-}"
  one b "$B" "$run" "${B_ARGS:-}"
done
echo "results in $OUT: a-N-*.txt and b-N-*.txt (load), a-N.pg.txt and b-N.pg.txt (PostgreSQL alone)"
