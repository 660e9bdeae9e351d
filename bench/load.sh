#!/usr/bin/env bash
# Load generator and meter against a RUNNING recstream (issue #5): sends behavior events at a fixed
# rate (open loop) over HTTP or Kafka, follows the users over the WebSocket live feed, and reports
# event-to-push latency percentiles, throughput, errors and missing pushes.
# Usage (after `mvn -q package -DskipTests` and `java -jar services/app/target/recstream.jar dev`):
#   bench/load.sh --http http://127.0.0.1:8080 [--kafka 127.0.0.1:PORT] [--rate 500] [--seconds 30]
#                 [--users 1000] [--items 10000] [--replay sequences.txt] [--per-connection 500]
#                 [--api-key KEY] [--grace 10] [--out bench/target/load]
# Prints results.md to stdout; with --out also writes DIR/results.json and DIR/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -cp bench/target/benchmarks.jar dev.recstream.bench.load.LoadRun "$@"
