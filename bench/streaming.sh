#!/usr/bin/env bash
# JMH: the streaming co-occurrence model (the default of `recstream dev`) per event on a synthetic
# Zipf(1.0) stream (2,000 users, 5,000 items, warmed with 200,000 events):
# `learnAndRecommend` (learn the event, then rank the user's top 10, as the scoring verticle does)
# and `recommendOnly`.
# Usage: bench/streaming.sh [jmh options]   (after `mvn -q package -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
java -jar bench/target/benchmarks.jar StreamingModelBenchmark -rf json -rff bench/target/streaming.json "$@"
