#!/usr/bin/env bash
# Synthetic shop behaviour data for training and evaluation at scale (issue #15): users of skewed
# activity browsing in sessions over a Zipf-popular catalog with categories and related items.
# Streams its output in a small heap (memory grows with users and items, not events); the same
# options write the same bytes. The sequences format also writes item2attributes.json beside the
# file (the categories), which the sequences reader picks up: give each dataset its own directory.
# Usage (after `mvn -q package -DskipTests`):
#   bench/shop-data.sh --out /tmp/shop-2m/sequences.txt [--users 100000] [--items 50000] [--events 2000000]
#                      [--zipf 1.0] [--locality 0.5] [--categories ITEMS/100] [--seed 42]
#                      [--format sequences|events-csv]
# Prints one summary line on stderr.
set -euo pipefail
exec java -Xmx256m -cp "$(dirname "$0")/target/benchmarks.jar" dev.recstream.bench.shop.ShopData "$@"
