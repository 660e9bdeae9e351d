#!/usr/bin/env bash
# JMH: scoring per event at batch 1 and 64 on model packages trained on Amazon Beauty, in one run:
# the two-stage model's `rank` (the model alone) and `serve` (over-fetch with reasons + business
# rules, as the scoring service runs it), plain and with SASRec inside (variant with-sequence), and
# a sequence package's `serve` (SequenceScoringBenchmark: one ONNX Runtime call per batch, top 10
# outside each history).
# Usage: bench/scoring.sh [two-stage package] [sequence package] [two-stage+sasrec package]
#   (after `mvn -q package -DskipTests`)
# A package that does not exist yet is trained first: ./recstream-models/beauty (two-stage, about
# two minutes), ./recstream-models/beauty-sasrec (`train --model sasrec`, about six minutes) and
# ./recstream-models/beauty-two-stage-sasrec (`train --model two-stage+sasrec`, two fits of 10–15 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
PKG=${1:-recstream-models/beauty}
SEQ=${2:-recstream-models/beauty-sasrec}
WITH=${3:-recstream-models/beauty-two-stage-sasrec}
BEAUTY=../shared/datasets/amazon-beauty/sequences.txt
if [ ! -f "$PKG/model.json" ]; then
  java -jar services/app/target/recstream.jar train --data "$BEAUTY" --format sequences --out "$PKG" >/dev/null
fi
if [ ! -f "$SEQ/model.json" ]; then
  java -jar services/app/target/recstream.jar train --model sasrec --data "$BEAUTY" --format sequences --out "$SEQ" >/dev/null
fi
if [ ! -f "$WITH/model.json" ]; then
  java -jar services/app/target/recstream.jar train --model two-stage+sasrec --data "$BEAUTY" --format sequences --out "$WITH" >/dev/null
fi
PROPS="-Drecstream.package=$(cd "$PKG" && pwd) -Drecstream.sequencePackage=$(cd "$SEQ" && pwd) -Drecstream.sequenceTwoStagePackage=$(cd "$WITH" && pwd) -Drecstream.histories=$(cd "$(dirname "$BEAUTY")" && pwd)/sequences.txt"
java $PROPS -jar bench/target/benchmarks.jar "TwoStageScoringBenchmark|SequenceScoringBenchmark" \
  -jvmArgsAppend "$PROPS" -rf json -rff bench/target/scoring.json
