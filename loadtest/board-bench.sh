#!/usr/bin/env bash
# Task-board benchmark (docs/performance.md, "Task boards"): one node on the embedded store, a board of
# CARDS cards, PEOPLE people subscribed to the space moving MOVES cards each at once (atelier.loadtest.BoardBench).
# References of the same invocation: an empty board's load time, a chat message's send-to-event time.
#
#   loadtest/board-bench.sh [PEOPLE] [CARDS] [MOVES]      default 20 500 25
#
# Needs `mvn -B -q package -DskipTests` first (server/target/atelier.jar, loadtest/target/atelier-loadtest.jar).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PEOPLE=${1:-20}
CARDS=${2:-500}
MOVES=${3:-25}
PORT=${ATELIER_PORT:-18095}
WORK=$(mktemp -d /tmp/atelier-board-bench-XXXXXX)
RESULTS=${RESULTS:-$ROOT/loadtest/results/boards}
mkdir -p "$RESULTS"
ADMIN_EMAIL=bench-admin@bench.example.org
ADMIN_PASSWORD=bench-admin-password-1

( export ATELIER_DATA_DIR="$WORK/data" ATELIER_HTTP_PORT="$PORT" ATELIER_HTTP_HOST=127.0.0.1 \
    ATELIER_ADMIN_EMAIL=$ADMIN_EMAIL ATELIER_ADMIN_PASSWORD=$ADMIN_PASSWORD ATELIER_AUTH_HASH_ITERATIONS=1000 \
    ATELIER_LIMITS_MESSAGES_PER_SECOND=1000; exec java -Xmx1g -jar server/target/atelier.jar ) > "$RESULTS/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true; wait $NODE 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 240); do grep -q "listening" "$RESULTS/node.log" && break; sleep 0.5; done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
java -Xmx1g -cp loadtest/target/atelier-loadtest.jar atelier.loadtest.BoardBench "http://127.0.0.1:$PORT" \
  "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$PEOPLE" "$CARDS" "$MOVES" | tee "$RESULTS/board-bench.md"
echo "load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores)" | tee -a "$RESULTS/board-bench.md"
