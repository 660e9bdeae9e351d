#!/usr/bin/env bash
# The medians of several bench/perf.sh runs, with each figure's range, as markdown tables for
# bench/RESULTS.md: targets (met in how many runs), scenarios, sustained p99 per 10 s, baselines.
# Usage (after `mvn -q -pl bench package -DskipTests`): bench/perf-median.sh DIR... (each holding a results.json)
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -cp bench/target/benchmarks.jar dev.recstream.bench.suite.MedianOfRuns "$@"
