#!/usr/bin/env bash
# JMH: what one search costs in CPU inside recstream (issue #14), part by part: MiniLmEmbedder.embed
# of a short query, embedAll of 32 catalog titles (per title), VectorIndex.nearest(q, 100) over
# 12,000 and 100,000 unit vectors of 384 dimensions, and SearchBlend.rank of 200 candidates to 10.
# Usage: bench/search-jmh.sh [jmh options, e.g. -f 1 -wi 3 -i 5]   (after `mvn -q package -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
java -jar bench/target/benchmarks.jar SearchBenchmark -rf json -rff bench/target/search-jmh.json "$@"
