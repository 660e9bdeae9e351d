#!/usr/bin/env bash
# The dashboard under load: starts the default `dev`, starts an A/A experiment (both variants on
# the streaming model, so the experiment panel, its intervals and the sample-ratio line have
# data), drives 1,000 events/s (bench/load.sh: Zipf popularity over 5,000 items, HTTP) while a
# loop clicks recommended items of recently pushed users with their list's recId, and takes a
# full-page screenshot in headless Chromium after the page has watched for 20 s. Needs Chromium
# and `npm ci --prefix services/app/src/test/browser`.
# Usage (after `mvn -q package -DskipTests`): bench/dashboard-screenshot.sh OUT.png [seconds=200]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "$1"); SECONDS_UNDER_LOAD=${2:-200}
JAR=services/app/target/recstream.jar
BENCH=bench/target/benchmarks.jar
PORT=18097
DIR=$(mktemp -d)
java -Xmx2g -jar $JAR dev --data-dir "$DIR/data" --http-port $PORT >"$DIR/dev.out" 2>"$DIR/dev.err" &
DEV=$!
trap 'kill $DEV 2>/dev/null; wait $DEV 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 1 240); do grep -q "is ready" "$DIR/dev.out" 2>/dev/null && break; sleep 0.5; done
API=http://127.0.0.1:$PORT

# Load first, in the background, so there is history by the time the page looks.
java -cp $BENCH dev.recstream.bench.load.LoadRun --http $API --rate 1000 --seconds "$SECONDS_UNDER_LOAD" \
  --users 2000 --items 5000 --grace 10 >"$DIR/load.txt" 2>&1 &
LOAD=$!

curl -s -X POST $API/v1/experiments -H 'Content-Type: application/json' -d '{"id": "screenshot",
  "variants": [{"name": "control", "model": "streaming-cooc-1", "weight": 1},
               {"name": "treatment", "model": "streaming-cooc-1", "weight": 1}]}' >/dev/null
curl -s -X POST $API/v1/experiments/screenshot/start >/dev/null

# Clicks on recommended items, with the list's recId, so hit rate and click-through move.
( end=$((SECONDS + SECONDS_UNDER_LOAD)); while [ $SECONDS -lt $end ]; do
    u=$(curl -s "$API/v1/stream/recent?limit=1" | sed -n 's/.*"userId":"\([^"]*\)".*/\1/p')
    [ -z "$u" ] && { sleep 0.2; continue; }
    list=$(curl -s "$API/v1/users/$u/recommendations?k=5")
    item=$(printf '%s' "$list" | sed -n 's/.*"items":\[{"itemId":"\([^"]*\)".*/\1/p')
    rec=$(printf '%s' "$list" | sed -n 's/.*"recId":"\([^"]*\)".*/\1/p')
    [ -n "$item" ] && curl -s -X POST $API/v1/events -H 'Content-Type: application/json' \
      -d "{\"userId\":\"$u\",\"itemId\":\"$item\",\"type\":\"click\",\"context\":{\"recId\":\"$rec\"}}" >/dev/null
    sleep 0.05
  done ) &
CLICKS=$!

sleep $((SECONDS_UNDER_LOAD - 30))
(cd services/app/src/test/browser && node screenshot.mjs "$API/" "$OUT" 20)
wait $LOAD $CLICKS || true
grep -E "pushes/s|latency p99 \(ms\)" "$DIR/load.txt" || true
