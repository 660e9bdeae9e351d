#!/usr/bin/env bash
# Same-run baselines (issue #5): what the real components ALONE can do on this box — Kafka produce and
# produce→consume rates, PostgreSQL batched and single-row insert into a copy of the events table,
# an empty Vert.x HTTP server (open loop at a fixed rate, then saturated), ONNX Runtime running the
# package's ranker — to report recstream's own figures beside them as ratios. Scratch topics and
# tables are removed afterwards. Baselines whose input option is missing are skipped with a reason.
# Usage (after `mvn -q package -DskipTests` and `java -jar services/app/target/recstream.jar dev`,
# which prints RECSTREAM_PG_URL and RECSTREAM_KAFKA_BOOTSTRAP):
#   bench/baselines.sh [--kafka HOST:PORT] [--pg postgresql://user:pass@host:port/db]
#                      [--package recstream-models/beauty] [--http-rate 2000] [--seconds 10]
#                      [--only kafka,pg,http,onnx] [--out bench/target/baselines]
# Prints the table to stdout; with --out also writes DIR/results.md and DIR/results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -cp bench/target/benchmarks.jar dev.recstream.bench.baseline.Baselines "$@"
