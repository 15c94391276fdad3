#!/usr/bin/env bash
# Measures GET /api/spaces/{id}/archive on a space of N messages (docs/performance.md, "Archives"):
# seeds an empty embedded store with `seed-benchmark` (the busy squad gets half of --messages),
# starts a node with a small heap and GC logging, downloads the bag, and reports its size, the time,
# and the largest heap left after a GC during the export. Usage: loadtest/archive-export.sh N HEAP
set -euo pipefail
N=${1:-200000}
HEAP=${2:-96m}
JAR=${JAR:-server/target/atelier.jar}
WORK=$(mktemp -d /tmp/atelier-archive-bench.XXXXXX)
export ATELIER_DATA_DIR=$WORK/data ATELIER_ADMIN_EMAIL=admin@bench.example.org ATELIER_ADMIN_PASSWORD=bench-admin-1 \
  ATELIER_AUTH_HASH_ITERATIONS=1000 ATELIER_HTTP_HOST=127.0.0.1
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# With 2 spaces only the busy one (half of --messages) and the quiet one (50) are filled.
java -jar "$JAR" seed-benchmark --messages $((2 * N + 50)) --spaces 2 --out "$WORK/seed.json" | tail -1
SPACE=$(python3 -c "import json; print(json.load(open('$WORK/seed.json'))['busy'])")
ATELIER_HTTP_PORT=$PORT java -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" > "$WORK/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "Atelier listening" "$WORK/node.log" && break; sleep 1; done
TOKEN=$(curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$ATELIER_ADMIN_EMAIL\",\"password\":\"$ATELIER_ADMIN_PASSWORD\"}" \
  "http://127.0.0.1:$PORT/api/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# Let the node settle (its search index follows the seeded logs), then take the heap after a full GC.
sleep "${SETTLE:-45}"
jcmd $NODE GC.run > /dev/null
sleep 1
IDLE=$(grep 'Diagnostic Command' "$WORK/gc.log" | tail -1 | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->([0-9]+)M/\1/' || true)
BEFORE=$(wc -l < "$WORK/gc.log")
START=$(date +%s.%N)
curl -s -f -H "Authorization: Bearer $TOKEN" -o "$WORK/bag.zip" "http://127.0.0.1:$PORT/api/spaces/$SPACE/archive"
END=$(date +%s.%N)
MAXHEAP=$(tail -n +"$BEFORE" "$WORK/gc.log" | grep -v "Diagnostic Command" | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1 || true)
GCS=$(tail -n +"$BEFORE" "$WORK/gc.log" | grep -c 'Pause' || true)
jcmd $NODE GC.run > /dev/null
sleep 1
AFTER=$(grep 'Diagnostic Command' "$WORK/gc.log" | tail -1 | grep -oE '[0-9]+M->[0-9]+M' | sed -E 's/.*->([0-9]+)M/\1/' || true)
MESSAGES=$(unzip -p "$WORK/bag.zip" "*/bag-info.txt" | grep Atelier-Messages)
echo "messages=$N heap=$HEAP bag=$(stat -c %s "$WORK/bag.zip") bytes seconds=$(python3 -c "print(round($END-$START,1))") \
idle-heap=${IDLE}M max-heap-after-gc-during-export=${MAXHEAP}M heap-after-export=${AFTER}M gc-pauses=$GCS ($MESSAGES)"
kill $NODE; wait $NODE 2>/dev/null || true
rm -rf "$WORK"
