#!/usr/bin/env bash
# Recall and time of the partitioned vector index against the exact scan, on real item vectors:
# the seeded beauty catalog of bench/search.sh embedded by MiniLM (about a minute for 12,000 items
# on 2 cores), queried with that bench's query mix. Prints a Markdown row.
# Usage: bench/vector-recall.sh [items=12000] [queries=500]   (after `mvn -q package -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -cp bench/target/benchmarks.jar dev.recstream.bench.search.VectorRecall "$@"
