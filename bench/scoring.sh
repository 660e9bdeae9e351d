#!/usr/bin/env bash
# JMH: two-stage scoring per event at batch 1 and 64 on a model package trained on Amazon Beauty:
# `rank` (the model alone) and `serve` (over-fetch with reasons + business rules, as the scoring service runs it).
# Usage: bench/scoring.sh [package-dir]   (after `mvn -q package -DskipTests`)
# Without an argument it trains ./recstream-models/beauty first (about two minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
PKG=${1:-recstream-models/beauty}
if [ ! -f "$PKG/model.json" ]; then
  java -jar services/app/target/recstream.jar train \
    --data ../shared/datasets/amazon-beauty/sequences.txt --format sequences --out "$PKG" >/dev/null
fi
java -Drecstream.package="$(cd "$PKG" && pwd)" -jar bench/target/benchmarks.jar TwoStageScoringBenchmark \
  -jvmArgsAppend "-Drecstream.package=$(cd "$PKG" && pwd)" -rf json -rff bench/target/scoring.json
