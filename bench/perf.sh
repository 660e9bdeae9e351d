#!/usr/bin/env bash
# The whole performance run of the live path on this box, with one command. For each configuration,
# started fresh one after the other from the same jar (`recstream dev`, -Xmx2g, embedded PostgreSQL
# and Kafka, every service):
#   default   — no model package: the built-in streaming model; the skewed workload;
#   two-stage — serving the two-stage Beauty package, after a bulk import of Beauty; the skewed
#               workload, then the Beauty replay.
# Each workload runs 1,000 events/s over Kafka and over HTTP, GET recommendations at 2,000/s,
# 5,000 events/s and 10,000 events/s for 60 s over Kafka (dev.recstream.bench.suite.PerfSuite);
# the same-run baselines (Kafka, PostgreSQL, empty HTTP server, ONNX) run once, on the first system.
# About ten minutes. Results: OUT/results.md and OUT/results.json (default bench/target/perf);
# several runs' medians: bench/perf-median.sh OUT1 OUT2 OUT3.
# Usage (after `mvn -q -pl bench package -DskipTests` and building the app jar): bench/perf.sh [OUT]
# Environment: RECSTREAM_BENCH_JAR (the system under test; default services/app/target/recstream.jar),
#              RECSTREAM_BENCH_DATASET (sequences format; default the Amazon Beauty sequences),
#              RECSTREAM_BENCH_PORT (gateway port; default 18080),
#              RECSTREAM_BENCH_PACKAGE (the two-stage package served; default recstream-models/beauty,
#                trained with the jar when missing),
#              RECSTREAM_BENCH_PLAN (full, or brief: the same rates for a few seconds, to try the harness).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-bench/target/perf}
JAR=${RECSTREAM_BENCH_JAR:-services/app/target/recstream.jar}
DATASET=${RECSTREAM_BENCH_DATASET:-../shared/datasets/amazon-beauty/sequences.txt}
PORT=${RECSTREAM_BENCH_PORT:-18080}
PLAN=${RECSTREAM_BENCH_PLAN:-full}
PKG=${RECSTREAM_BENCH_PACKAGE:-recstream-models/beauty}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Both jars run from copies: a rebuild during the run must not pull classes from under them.
cp "$JAR" "$WORK/recstream.jar"
cp bench/target/benchmarks.jar "$WORK/benchmarks.jar"
if [ ! -f "$PKG/model.json" ]; then
  echo "training the two-stage package into $PKG (1-2 minutes)" >&2
  java -jar "$WORK/recstream.jar" train --data "$DATASET" --format sequences --out "$PKG" >"$WORK/train.log" 2>&1 \
    || { cat "$WORK/train.log"; exit 1; }
fi
JAR_ID="$(basename "$JAR") sha256 $(sha256sum "$JAR" | cut -c1-12)"
java -cp "$WORK/benchmarks.jar" dev.recstream.bench.suite.PerfSuite --jar "$WORK/recstream.jar" --work "$WORK" \
  --package "$PKG" --replay "$DATASET" --port "$PORT" --plan "$PLAN" \
  --label "$JAR_ID ($JAR), bench at commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), plan $PLAN, $(nproc) cores" \
  --out "$OUT"
