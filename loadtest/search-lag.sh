#!/usr/bin/env bash
# Indexing lag of search (docs/performance.md, "Search"): how long after its acknowledgement a message
# is found by GET /api/search — first on a quiet node, then while scenario d's persisted-message load
# runs on the same node (loadtest/run.sh d, Atelier only, at RATE messages/s).
#
#   loadtest/search-lag.sh [RATE] [PROBE_SECONDS]       default 400 and 40
#
# The prober (atelier.search.SearchBench lag) sends one message with a unique word every 500 ms in a
# squad of its own and polls the search until it is found. Needs `mvn -B -q package -DskipTests` first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RATE=${1:-400}
PROBE=${2:-40}
RESULTS=${RESULTS:-$ROOT/loadtest/results/search}
mkdir -p "$RESULTS"
PORT=${ATELIER_PORT:-18080}
ADMIN_EMAIL=bench-admin@bench.example.org
ADMIN_PASSWORD=bench-admin-password-1
CP_FILE=$RESULTS/classpath.txt
(cd server && mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null)
CP="$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat "$CP_FILE")"
probe() { java -cp "$CP" atelier.search.SearchBench lag "http://127.0.0.1:$PORT" "$ADMIN_EMAIL" "$ADMIN_PASSWORD" "$1"; }

# 1. quiet node
DATA=$(mktemp -d /tmp/atelier-search-lag-XXXXXX)
( export ATELIER_DATA_DIR="$DATA" ATELIER_HTTP_PORT="$PORT" ATELIER_HTTP_HOST=127.0.0.1 ATELIER_AUTH_HASH_ITERATIONS=1000 \
    ATELIER_ADMIN_EMAIL="$ADMIN_EMAIL" ATELIER_ADMIN_PASSWORD="$ADMIN_PASSWORD"; exec java -Xmx2g -jar server/target/atelier.jar ) \
  > "$RESULTS/quiet-node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q "Atelier listening on" "$RESULTS/quiet-node.log" && break; sleep 0.2; done
echo "quiet node, load average $(cut -d' ' -f1 /proc/loadavg):" | tee "$RESULTS/lag.txt"
probe 20 | tee -a "$RESULTS/lag.txt"
kill "$NODE"; wait "$NODE" 2>/dev/null || true

# 2. the same probe while scenario d sends RATE persisted messages/s
ONLY=atelier RESULTS="$RESULTS" ATELIER_PORT="$PORT" loadtest/run.sh d --steps "$RATE" --step-duration $((PROBE + 20)) \
  > "$RESULTS/d-run.log" 2>&1 &
RUN=$!
trap 'kill $RUN 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do grep -q "phase" "$RESULTS/d-atelier-generator.log" 2>/dev/null && break; sleep 0.2; done
sleep 5
echo "under scenario d at $RATE msg/s, load average $(cut -d' ' -f1 /proc/loadavg):" | tee -a "$RESULTS/lag.txt"
probe "$PROBE" | tee -a "$RESULTS/lag.txt"
wait "$RUN" || true
grep -h "step " "$RESULTS/d-atelier-generator.log" | tee -a "$RESULTS/lag.txt" || true
