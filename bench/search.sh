#!/usr/bin/env bash
# Search latency under open-loop load against a RUNNING recstream (issue #14: p99 ≤ 20 ms at
# 500 req/s over 12,000 items). Two phases with the same request mix: on the empty server, then
# after putting a seeded beauty catalog (PUT /v1/items/{id}, 32 in flight) and 2,000 users'
# histories (POST /v1/events) and waiting until GET /v1/search finds the catalog.
# Usage:
#   mvn -q install -DskipTests                                  # or at least the app and bench modules
#   java -jar services/app/target/recstream.jar dev --data-dir /tmp/rs-search &   # a fresh, empty server
#   bench/search.sh [--http http://127.0.0.1:8080] [--rate 500] [--seconds 60] [--warmup 30]
#                   [--items 12000] [--users 2000] [--seed 42] [--skip-empty] [--ready-timeout 600]
#                   [--out bench/target/search]
# Prints results.md to stdout (progress on stderr); with --out also writes DIR/results.json and DIR/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -cp bench/target/benchmarks.jar dev.recstream.bench.search.SearchLoad "$@"
