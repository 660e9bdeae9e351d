#!/usr/bin/env bash
# Training at growing shop sizes (issue #15): generates each synthetic shop with bench/shop-data.sh
# (fixed seed), then runs `recstream train` on it (which evaluates the two-stage model beside cooc
# on the leave-one-out split, then trains on every sequence and writes a package) under a fixed
# heap, and reports wall time, peak heap (the fullest heap a GC found, from -Xlog:gc), max RSS, exit
# status and full NDCG@10. Peak live is the fullest heap right after a marking (G1's Remark) or a
# full collection: what was still reachable, an upper bound on the data training held.
# Usage (after `mvn -q package -DskipTests`): bench/growth.sh [sizes=0.2m,2m] [work dir=/tmp/recstream-growth]
#   sizes: any of 0.2m, 2m, 10m, 20m (10m: 500k users, 200k items; 20m: 1M users, 400k items)
#   RECSTREAM_GROWTH_HEAP overrides the heap (default 4g, and 6g for 20m); RECSTREAM_JAR another build;
#   RECSTREAM_GROWTH_JAVA_OPTS more JVM options (e.g. a flight recording)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${1:-0.2m,2m}
WORK=${2:-/tmp/recstream-growth}
JAR=${RECSTREAM_JAR:-services/app/target/recstream.jar}
mkdir -p "$WORK"

shape() { # size -> users items events
  case $1 in
    0.2m) echo "10000 5000 200000" ;;
    2m) echo "100000 50000 2000000" ;;
    10m) echo "500000 200000 10000000" ;;
    20m) echo "1000000 400000 20000000" ;;
    *) echo "unknown size '$1': use 0.2m, 2m, 10m or 20m" >&2; exit 2 ;;
  esac
}

echo "| events | users | items | heap | exit | wall s | peak heap MiB | peak live MiB | max RSS MiB | default full NDCG@10 | cooc full NDCG@10 |"
echo "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
IFS=, read -ra list <<< "$SIZES"
for size in "${list[@]}"; do
  read -r users items events <<< "$(shape "$size")"
  heap=${RECSTREAM_GROWTH_HEAP:-$([ "$size" = 20m ] && echo 6g || echo 4g)}
  dir="$WORK/$size"
  mkdir -p "$dir"
  [ -f "$dir/sequences.txt" ] || bench/shop-data.sh --users "$users" --items "$items" --events "$events" \
    --out "$dir/sequences.txt" 2>"$dir/generate.log"
  rm -rf "$dir/package"
  set +e
  /usr/bin/time -v -o "$dir/time.txt" java "-Xmx$heap" "-Xlog:gc:file=$dir/gc.log" ${RECSTREAM_GROWTH_JAVA_OPTS:-} -jar "$JAR" train \
    --data "$dir/sequences.txt" --format sequences --out "$dir/package" >"$dir/train.out" 2>"$dir/train.err"
  status=$?
  set -e
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; printf "%.0f", s}' "$dir/time.txt")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$dir/time.txt")
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$dir/gc.log" | awk -F'M->' '{sub("M","",$2); if ($1+0>m) m=$1+0} END {print m+0}')
  live=$(grep -E 'Pause Remark|Pause Full' "$dir/gc.log" | grep -o '[0-9]*M->[0-9]*M' | awk -F'M->' '{sub("M","",$2); if ($2+0>m) m=$2+0} END {print m+0}')
  ndcg() { awk -F'|' -v model="$1" '$2 ~ "^ *"model" *$" {gsub(/ /,"",$4); print $4; exit}' "$dir/train.out"; }
  echo "| $events | $users | $items | $heap | $status | $wall | $peak | $live | $rss | $(ndcg default)$(ndcg two-stage) | $(ndcg cooc) |"
done
