#!/usr/bin/env bash
# Files throughput and memory (docs/performance.md, "Files"): one node on the embedded store with a
# heap smaller than the file (-Xmx${HEAP}), a ${MIB} MiB random file uploaded then downloaded with curl
# over loopback, the node's heap sampled with jstat every 200 ms during each. The reference of the same
# invocation is copying the same file on the same disk (cp), so the ratios say what the server costs.
#
#   loadtest/files-bench.sh [MIB] [HEAP]        default 100 and 96m
#
# Needs `mvn -B -q package -DskipTests` first, and curl and jstat (the JDK's).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MIB=${1:-100}
HEAP=${2:-96m}
PORT=${ATELIER_PORT:-18090}
WORK=$(mktemp -d /tmp/atelier-files-bench-XXXXXX)
RESULTS=${RESULTS:-$ROOT/loadtest/results/files}
mkdir -p "$RESULTS"
EMAIL=marie.tremblay@cctt.example
PASSWORD=atelier-demo

( export ATELIER_DATA_DIR="$WORK/data" ATELIER_HTTP_PORT="$PORT" ATELIER_HTTP_HOST=127.0.0.1 \
    ATELIER_LIMITS_FILE_BYTES=$(( (MIB + 1) * 1024 * 1024 )); exec java -Xmx"$HEAP" -jar server/target/atelier.jar --demo ) \
  > "$RESULTS/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do grep -q "listening" "$RESULTS/node.log" && break; sleep 0.5; done

TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
SPACE=$(curl -sf "http://127.0.0.1:$PORT/api/spaces" -H "Authorization: Bearer $TOKEN" | python3 -c '
import sys,json
print(next(s["id"] for s in json.load(sys.stdin)["spaces"] if s.get("membership") in ("member","coordinator") and s["state"]=="active"))')

head -c $(( MIB * 1024 * 1024 )) /dev/urandom > "$WORK/file.bin"
sync
T0=$(date +%s.%N); cp "$WORK/file.bin" "$WORK/copy.bin"; sync; T1=$(date +%s.%N)
CP_S=$(echo "$T1 - $T0" | bc -l)
rm -f "$WORK/copy.bin"

# Heap used (KiB) = survivor + eden + old, sampled while $1 runs.
sample() {
  local out=$1; : > "$out"
  while kill -0 "$NODE" 2>/dev/null && [ ! -f "$WORK/stop" ]; do
    jstat -gc "$NODE" | awk 'NR==2 {print $3+$4+$6+$8}' >> "$out"; sleep 0.2
  done
}
measure() { # name, command...
  local name=$1; shift
  rm -f "$WORK/stop"; sample "$WORK/$name.heap" & local S=$!
  local t0 t1; t0=$(date +%s.%N); "$@"; t1=$(date +%s.%N)
  touch "$WORK/stop"; wait $S
  echo "$t1 - $t0" | bc -l > "$WORK/$name.seconds"
}
measure upload curl -sf -o "$WORK/up.json" -H "Authorization: Bearer $TOKEN" -F "file=@$WORK/file.bin" \
  "http://127.0.0.1:$PORT/api/spaces/$SPACE/files"
ID=$(python3 -c 'import sys,json;print(json.load(open(sys.argv[1]))["id"])' "$WORK/up.json")
measure download curl -sf -o "$WORK/back.bin" -H "Authorization: Bearer $TOKEN" \
  "http://127.0.0.1:$PORT/api/spaces/$SPACE/files/$ID/content"
cmp -s "$WORK/file.bin" "$WORK/back.bin" && SAME=yes || SAME=NO

UP_S=$(cat "$WORK/upload.seconds"); DOWN_S=$(cat "$WORK/download.seconds")
peak() { sort -n "$1" | tail -1 | awk '{printf "%.0f", $1/1024}'; }
{
  echo "file: $MIB MiB, node heap -Xmx$HEAP, identical after the round trip: $SAME"
  printf 'cp (reference)  %6.2f s  %7.1f MiB/s\n' "$CP_S" "$(echo "$MIB / $CP_S" | bc -l)"
  printf 'upload          %6.2f s  %7.1f MiB/s  %.1f× the time of cp  heap peak %s MiB\n' "$UP_S" "$(echo "$MIB / $UP_S" | bc -l)" \
    "$(echo "$UP_S / $CP_S" | bc -l)" "$(peak "$WORK/upload.heap")"
  printf 'download        %6.2f s  %7.1f MiB/s  %.1f× the time of cp  heap peak %s MiB\n' "$DOWN_S" "$(echo "$MIB / $DOWN_S" | bc -l)" \
    "$(echo "$DOWN_S / $CP_S" | bc -l)" "$(peak "$WORK/download.heap")"
} | tee "$RESULTS/summary.txt"
