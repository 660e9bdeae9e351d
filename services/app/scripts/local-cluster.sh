#!/usr/bin/env bash
# "Several processes on one machine" from the README, as one command: the embedded PostgreSQL
# and Kafka of `recstream dev --services=none`, then three `recstream run --cluster` processes
# that share one event bus (Vert.x cluster on 127.0.0.1):
#
#   store,metrics,training   cluster port 5701   model directory <data-dir>/models
#   ingestion,scoring        cluster port 5702   the same model directory
#   gateway                  cluster port 5703   http://127.0.0.1:8080
#
# Usage: services/app/scripts/local-cluster.sh [--data-dir DIR] [--http-port N] [--cluster-ports A,B,C]
#   --data-dir DIR         where the servers keep their data (default ./recstream-data); logs go to DIR/logs
#   --http-port N          the gateway's port (default 8080)
#   --cluster-ports A,B,C  the three processes' cluster ports (default 5701,5702,5703)
# Environment:
#   RECSTREAM              the command that runs recstream (default: java -jar services/app/target/recstream.jar)
#   RECSTREAM_API_KEYS     API key entries (recstream keygen) for the gateway. Without them the gateway
#                          runs with --insecure: open to anyone who can reach it. Development only.
#
# It prints where the logs are, and a line when /health/ready answers 200. Ctrl-C (or SIGTERM)
# stops every process, the gateway first and the servers last; so does one of them exiting.
set -euo pipefail

RECSTREAM="${RECSTREAM:-java -jar services/app/target/recstream.jar}"
# A command line, not a setting: the processes must not see it. It is split into words, never globbed.
export -n RECSTREAM
set -f

data_dir=./recstream-data
http_port=8080
cluster_ports=5701,5702,5703
readonly start_timeout_seconds=180 stop_timeout_seconds=60

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

while (($# > 0)); do
  case "$1" in
    --data-dir) data_dir=${2:?--data-dir needs a directory}; shift 2 ;;
    --http-port) http_port=${2:?--http-port needs a port}; shift 2 ;;
    --cluster-ports) cluster_ports=${2:?--cluster-ports needs three ports, A,B,C}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "local-cluster.sh: unknown argument '$1'; see --help" >&2; exit 2 ;;
  esac
done
IFS=, read -r store_port scoring_port gateway_port extra <<<"$cluster_ports"
for port in "$http_port" "$store_port" "$scoring_port" "$gateway_port"; do
  [[ $port =~ ^[0-9]+$ ]] || { echo "local-cluster.sh: ports must be numbers: --http-port $http_port --cluster-ports $cluster_ports" >&2; exit 2; }
done
[[ -z $extra ]] || { echo "local-cluster.sh: --cluster-ports takes exactly three ports, not $cluster_ports" >&2; exit 2; }

mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
logs=$data_dir/logs
mkdir -p "$logs"
# Packages live in (and are served from) the same place as with `recstream dev`.
models=$data_dir/models
# Each process in a session of its own: a Ctrl-C in the terminal reaches this script only, which
# stops them in order (PostgreSQL would otherwise stop at once, under the store's last writes).
detach=
if command -v setsid >/dev/null; then detach=setsid; fi

names=()
pids=()
stopping=false

alive() { kill -0 "$1" 2>/dev/null; }

# Output that must not stop the stopping: whoever read this script's output may be gone.
say() { echo "$@" 2>/dev/null || true; }

stop_one() {
  local name=$1 pid=$2 deadline=$((SECONDS + stop_timeout_seconds))
  if alive "$pid"; then
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if alive "$pid"; then
      say "local-cluster.sh: $name did not stop within $stop_timeout_seconds s: killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}

stop_all() {
  if $stopping; then return; fi
  stopping=true
  trap '' PIPE
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_one "${names[i]}" "${pids[i]}"; done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 141' PIPE
trap stop_all EXIT

fail() {
  say "local-cluster.sh: $*" >&2
  exit 1
}

started() {
  names+=("$1")
  pids+=("$2")
  echo "started $1 (pid $2, log $3)"
}

# Fails if a process that was started has exited.
check_alive() {
  local i
  for i in "${!pids[@]}"; do
    alive "${pids[i]}" || fail "${names[i]} exited; see $logs/${names[i]}.log"
  done
}

# Waits (while every process runs) until the command succeeds.
await() {
  local what=$1 deadline=$((SECONDS + start_timeout_seconds))
  shift
  until "$@"; do
    check_alive
    ((SECONDS < deadline)) || fail "$what: not within $start_timeout_seconds s; the logs are in $logs"
    sleep 0.2
  done
}

has_line() { grep -q "$1" "$2" 2>/dev/null; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ready() {
  local status
  status=$( (exec 3<>"/dev/tcp/127.0.0.1/$http_port" &&
    printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 &&
    read -r -t 5 _ code _ <&3 && echo "$code" &&
    while read -r -t 5 _ <&3; do :; done) 2>/dev/null) || true
  [[ $status == 200 ]]
}

echo "logs in $logs"

# The servers: two lines on stdout, RECSTREAM_PG_URL=… and RECSTREAM_KAFKA_BOOTSTRAP=….
$detach $RECSTREAM dev --services=none --data-dir "$data_dir" >"$logs/servers.env" 2>"$logs/servers.log" &
started servers $! "$logs/servers.log"
await "PostgreSQL and Kafka" has_line '^RECSTREAM_KAFKA_BOOTSTRAP=' "$logs/servers.env"
RECSTREAM_PG_URL=$(sed -n 's/^RECSTREAM_PG_URL=//p' "$logs/servers.env")
RECSTREAM_KAFKA_BOOTSTRAP=$(sed -n 's/^RECSTREAM_KAFKA_BOOTSTRAP=//p' "$logs/servers.env")
export RECSTREAM_PG_URL RECSTREAM_KAFKA_BOOTSTRAP
export RECSTREAM_CLUSTER_HOST=127.0.0.1
export RECSTREAM_CLUSTER_MEMBERS=127.0.0.1:$store_port,127.0.0.1:$scoring_port,127.0.0.1:$gateway_port

# The store's node first: once its cluster port listens, the others join it (each of them waits
#  for what it needs from the store).
RECSTREAM_CLUSTER_PORT=$store_port RECSTREAM_MODEL_DIR=$models \
  $detach $RECSTREAM run --cluster --services=store,metrics,training >"$logs/store.log" 2>&1 &
started store $! "$logs/store.log"
await "the store's node joining the cluster" listening "$store_port"

RECSTREAM_CLUSTER_PORT=$scoring_port RECSTREAM_MODEL_DIR=$models \
  $detach $RECSTREAM run --cluster --services=ingestion,scoring >"$logs/scoring.log" 2>&1 &
started scoring $! "$logs/scoring.log"

if [[ -n ${RECSTREAM_API_KEYS:-} ]]; then
  access=
else
  access=--insecure
  echo "the gateway runs with --insecure: no API keys (RECSTREAM_API_KEYS), anyone who reaches 127.0.0.1:$http_port may call it. Development only."
fi
RECSTREAM_CLUSTER_PORT=$gateway_port RECSTREAM_HTTP_HOST=127.0.0.1 \
  $detach $RECSTREAM run --cluster --services=gateway --http-port "$http_port" $access >"$logs/gateway.log" 2>&1 &
started gateway $! "$logs/gateway.log"

await "the gateway's /health/ready answering 200" ready
echo "recstream is ready: http://127.0.0.1:$http_port/v1 (health http://127.0.0.1:$http_port/health/ready). Ctrl-C stops it."

# Until a signal (the traps stop everything) or one of the processes exits (then so do the others).
while true; do
  wait -n || true
  check_alive
done
