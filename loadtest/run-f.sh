#!/usr/bin/env bash
# Scenario f: what a read or a write costs as the embedded store grows (docs/performance.md).
# For each size: fill a fresh store with `atelier.jar seed-benchmark` (skipped when DATA_ROOT/sN already
# holds one), start a node on it, run the generator (--scenario f), stop the node; then one table of
# medians and p95 with the ratio of each size to the first.
#
#   loadtest/run-f.sh                      sizes 10000 100000 1000000
#   SIZES="10000 100000" loadtest/run-f.sh
#
# Environment: DATA_ROOT (default loadtest/results/f-data, several GB for 1,000,000), RESULTS (default
# loadtest/results), SAMPLES (default 200), ATELIER_JAR, ATELIER_PORT (default 18080), SERVER_JAVA_OPTS (-Xmx2g).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-10000 100000 1000000}
RESULTS=${RESULTS:-$ROOT/loadtest/results}
DATA_ROOT=${DATA_ROOT:-$RESULTS/f-data}
SAMPLES=${SAMPLES:-200}
ATELIER_JAR=${ATELIER_JAR:-$ROOT/server/target/atelier.jar}
LT_JAR=$ROOT/loadtest/target/atelier-loadtest.jar
PORT=${ATELIER_PORT:-18080}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xmx2g}
mkdir -p "$RESULTS" "$DATA_ROOT"
files=()
for n in $SIZES; do
  dir=$DATA_ROOT/s$n
  if [ ! -f "$dir/seed.json" ]; then
    rm -rf "$dir"; mkdir -p "$dir"
    ATELIER_DATA_DIR=$dir/data ATELIER_ADMIN_EMAIL=bench-admin@bench.example.org ATELIER_ADMIN_PASSWORD=bench-admin-password-1 \
      ATELIER_HTTP_PORT=0 java $SERVER_JAVA_OPTS -jar "$ATELIER_JAR" seed-benchmark --messages "$n" --out "$dir/seed.json" | tail -1
  fi
  log=$RESULTS/f-node-$n.log; : > "$log"
  # One request at a time, but faster than a person: the rate limits would answer instead of the store.
  ATELIER_DATA_DIR=$dir/data ATELIER_HTTP_PORT=$PORT ATELIER_HTTP_HOST=127.0.0.1 ATELIER_LIMITS_MESSAGES_PER_SECOND=100000 \
    ATELIER_LIMITS_SUBSCRIBES_PER_SECOND=100000 java $SERVER_JAVA_OPTS -jar "$ATELIER_JAR" > "$log" 2>&1 &
  node=$!
  trap 'kill $node 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do grep -q "Atelier listening" "$log" && break; sleep 0.5; done
  grep -q "Atelier listening" "$log" || { echo "node for $n did not start (see $log)" >&2; kill $node; exit 1; }
  java -Xmx1g -jar "$LT_JAR" --scenario f --target "http://127.0.0.1:$PORT" --seed "$dir/seed.json" --samples "$SAMPLES" \
    --out "$RESULTS/f-$n.json" > /dev/null
  kill -TERM $node; wait $node || true
  files+=("$RESULTS/f-$n.json")
done
java -jar "$LT_JAR" report-f "${files[@]}" --md "$RESULTS/f.md"
