#!/usr/bin/env bash
# Runs one benchmark scenario against the reference relay and against Atelier, on this machine, in this
# order, and writes the comparison table (Atelier / relay).
#
#   loadtest/run.sh SCENARIO [generator options…]      SCENARIO: a | b | c | d | e | g
#
# Scenario g (shared documents, atelier.loadtest.DocBench) has no relay side: it runs against Atelier only.
#
# Environment (all optional):
#   ONLY=relay|atelier          run only one side (default: both, relay first)
#   RESULTS=DIR                 where JSON, Markdown, logs and JFR files go (default loadtest/results)
#   CLUSTER=1                   any scenario against two clustered nodes + shared store (always so for e)
#   JFR=1                       record Atelier with Java Flight Recorder and summarise the hottest frames
#   SERVER_JAVA_OPTS            JVM options of the relay and of every Atelier process (default -Xmx2g)
#   GEN_JAVA_OPTS               JVM options of the generator (default -Xmx3g)
#   ATELIER_JAR                 default server/target/atelier.jar
#   RELAY_PORT ATELIER_PORT     default 18090, 18080 (scenario e: ATELIER_PORT and ATELIER_PORT+1, STORE_PORT
#                               ATELIER_PORT+20, Hazelcast BENCH_HZ_PORT 5871 and 5872)
#   NICE=N                      run the servers and the generator under 'nice -n N' (e.g. -5 on a machine shared
#                               with builds; default: no change). The report says how busy other processes were.
#   BENCH_ENV                   extra "KEY=VALUE …" for Atelier (e.g. "ATELIER_LIMITS_OUTBOUND_QUEUE_FRAMES=20000")
#   THREADS=1                   also write each server's CPU by thread group (loadtest/thread-cpu.py) over THREADS_FOR
#                               seconds (default 14), starting THREADS_AFTER seconds (default 13) after the generator
#                               starts sending: put it inside the measured window (after --warmup). Single node only.
#   STORE=separate              single node: the store in a process of its own (`atelier.jar store`), as MongoDB is in
#                               production. The report's server CPU is then the node's alone; the store's process is
#                               sampled like the node (THREADS=1: $SCEN-atelier-store-threads.txt) and counts among
#                               the report's "other processes".
# Generator options given on the command line are passed to both runs (e.g. --connections sizes, --duration).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SCEN=${1:?usage: loadtest/run.sh a|b|c|d|e|g [generator options]}
shift
case "$SCEN" in a|b|c|d|e|g) ;; *) echo "unknown scenario $SCEN" >&2; exit 2 ;; esac
if [ "$SCEN" = g ]; then ONLY=atelier; fi

RESULTS=${RESULTS:-$ROOT/loadtest/results}
mkdir -p "$RESULTS"
LT_JAR=$ROOT/loadtest/target/atelier-loadtest.jar
ATELIER_JAR=${ATELIER_JAR:-$ROOT/server/target/atelier.jar}
[ "${ONLY:-}" = relay ] || [ -f "$ATELIER_JAR" ] || { echo "no $ATELIER_JAR: build the server first (mvn -q -B -pl server -am package -DskipTests)" >&2; exit 1; }
RELAY_PORT=${RELAY_PORT:-18090}
ATELIER_PORT=${ATELIER_PORT:-18080}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xmx2g}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:--Xmx3g}
ADMIN_EMAIL=bench-admin@bench.example.org
ADMIN_PASSWORD=bench-admin-password-1
ONLY=${ONLY:-}
NICE_CMD=()
if [ -n "${NICE:-}" ]; then NICE_CMD=(nice -n "$NICE"); fi

# 10,000 connections need 10,000+ descriptors in the server and in the generator (separate processes).
SOFT=$(ulimit -n)
HARD=$(ulimit -Hn)
if [ "$HARD" != unlimited ] && [ "$HARD" -lt 12000 ]; then
  echo "warning: hard limit of open files is $HARD; scenario a with 10,000 connections needs > 10,100" >&2
fi
ulimit -n "$HARD" 2>/dev/null || true
echo "open files: soft $SOFT -> $(ulimit -n) (hard $HARD)" >&2

if [ ! -f "$LT_JAR" ]; then
  (cd "$ROOT" && mvn -q -B -pl loadtest -am package -DskipTests)
fi

PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_for() { # file pattern seconds pid
  local file=$1 pattern=$2 secs=$3 pid=$4
  for _ in $(seq 1 $((secs * 5))); do
    if grep -q "$pattern" "$file" 2>/dev/null; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "process $pid died; see $file" >&2; tail -20 "$file" >&2; return 1; fi
    sleep 0.2
  done
  echo "timed out waiting for '$pattern' in $file" >&2
  return 1
}

stop() { # pid…
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
}

threads() { # out-prefix server-pid [run-prefix]: in the background, samples the server's threads inside the measured window
  [ "${THREADS:-0}" = 1 ] || return 0
  local prefix=$1 pid=$2 run=${3:-$1}
  (
    for _ in $(seq 1 6000); do grep -q "phase measure" "$RESULTS/$run-generator.log" 2>/dev/null && break; sleep 0.2; done
    sleep "${THREADS_AFTER:-13}"
    python3 "$ROOT/loadtest/thread-cpu.py" "$pid" "${THREADS_FOR:-14}" > "$RESULTS/$prefix-threads.txt" 2>&1
  ) &
  PIDS+=("$!")
}

generator() { # out-prefix extra-args…
  local prefix=$1; shift
  # in the background and waited for, so that an interrupted run.sh stops it too (trap below)
  # shellcheck disable=SC2086
  "${NICE_CMD[@]}" java $GEN_JAVA_OPTS -jar "$LT_JAR" --scenario "$SCEN" "$@" --out "$RESULTS/$prefix.json" --md "$RESULTS/$prefix.md" \
    2> >(tee "$RESULTS/$prefix-generator.log" >&2) &
  local gen=$!
  PIDS+=("$gen")
  wait "$gen"
}

# ------------------------------------------------------------------ reference relay
if [ "$ONLY" != atelier ]; then
  # shellcheck disable=SC2086
  "${NICE_CMD[@]}" java $SERVER_JAVA_OPTS -cp "$LT_JAR" atelier.loadtest.relay.ReferenceRelay --port "$RELAY_PORT" \
    > "$RESULTS/$SCEN-relay-server.log" 2>&1 &
  RELAY_PID=$!
  PIDS+=("$RELAY_PID")
  wait_for "$RESULTS/$SCEN-relay-server.log" "listening" 60 "$RELAY_PID"
  TARGET=http://127.0.0.1:$RELAY_PORT
  rm -f "$RESULTS/$SCEN-relay-generator.log"
  threads "$SCEN-relay" "$RELAY_PID"
  if [ "$SCEN" = e ] || [ "${CLUSTER:-0}" = 1 ]; then TARGET=$TARGET,$TARGET; fi
  generator "$SCEN-relay" --mode relay --target "$TARGET" --server-pid "$RELAY_PID" --label "reference relay" "$@"
  stop "$RELAY_PID"
fi

# ------------------------------------------------------------------ Atelier
if [ "$ONLY" != relay ]; then
  if [ ! -f "$ATELIER_JAR" ]; then
    echo "no $ATELIER_JAR: build it with 'mvn -q -B -pl server -am package -DskipTests'" >&2
    exit 1
  fi
  DATA=$(mktemp -d /tmp/atelier-bench-XXXXXX)
  # Bench-only settings: cheap password hashing (preparing thousands of users is not what is measured;
  # logins are not part of any figure), per-connection rate limits raised above the offered load, and
  # the sockets-per-person cap raised (scenario c gives each bench user 50 connections).
  BENCH_DEFAULTS="ATELIER_AUTH_HASH_ITERATIONS=1000 ATELIER_LIMITS_MESSAGES_PER_SECOND=1000000 \
ATELIER_LIMITS_SUBSCRIBES_PER_SECOND=1000000 ATELIER_LIMITS_SOCKETS_PER_PERSON=100000 ATELIER_HTTP_HOST=127.0.0.1"
  JFR_OPTS=""
  start_atelier() { # name port extra-env…
    local name=$1 port=$2; shift 2
    local jfr=""
    if [ "${JFR:-0}" = 1 ]; then
      jfr="-XX:+FlightRecorder -XX:StartFlightRecording=filename=$RESULTS/$SCEN-$name.jfr,settings=profile,dumponexit=true"
    fi
    # shellcheck disable=SC2086
    ( export $BENCH_DEFAULTS ${BENCH_ENV:-} "$@" ATELIER_HTTP_PORT="$port" \
        ATELIER_ADMIN_EMAIL="$ADMIN_EMAIL" ATELIER_ADMIN_PASSWORD="$ADMIN_PASSWORD";
      exec "${NICE_CMD[@]}" java $SERVER_JAVA_OPTS $jfr -jar "$ATELIER_JAR" ) > "$RESULTS/$SCEN-$name.log" 2>&1 &
    LAST_PID=$!
    PIDS+=("$LAST_PID")
    wait_for "$RESULTS/$SCEN-$name.log" "Atelier listening on" 180 "$LAST_PID"
  }
  if [ "$SCEN" = e ] || [ "${CLUSTER:-0}" = 1 ]; then
    STORE_PORT=${STORE_PORT:-$((ATELIER_PORT + 20))}
    # shellcheck disable=SC2086
    ( export ATELIER_DATA_DIR="$DATA"; exec "${NICE_CMD[@]}" java $SERVER_JAVA_OPTS -jar "$ATELIER_JAR" store --port "$STORE_PORT" ) \
      > "$RESULTS/$SCEN-store.log" 2>&1 &
    STORE_PID=$!
    PIDS+=("$STORE_PID")
    for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$STORE_PORT) 2>/dev/null && break; sleep 0.2; done
    P1=$ATELIER_PORT
    P2=$((ATELIER_PORT + 1))
    mkdir -p "$DATA/n1" "$DATA/n2"
    # Hazelcast on its own ports with an explicit member list, so the bench never joins another cluster
    # (tests of other developers on this machine use 5701…)
    HZ1=${BENCH_HZ_PORT:-5871}
    HZ2=$((HZ1 + 1))
    MEMBERS="127.0.0.1:$HZ1,127.0.0.1:$HZ2"
    start_atelier atelier-node1 "$P1" ATELIER_DATA_DIR="$DATA/n1" ATELIER_MONGO_URI="mongodb://127.0.0.1:$STORE_PORT" \
      ATELIER_CLUSTER_ENABLED=true ATELIER_CLUSTER_PORT="$HZ1" ATELIER_CLUSTER_MEMBERS="$MEMBERS" ATELIER_NODE_NAME=bench-1
    N1=$LAST_PID
    start_atelier atelier-node2 "$P2" ATELIER_DATA_DIR="$DATA/n2" ATELIER_MONGO_URI="mongodb://127.0.0.1:$STORE_PORT" \
      ATELIER_CLUSTER_ENABLED=true ATELIER_CLUSTER_PORT="$HZ2" ATELIER_CLUSTER_MEMBERS="$MEMBERS" ATELIER_NODE_NAME=bench-2
    N2=$LAST_PID
    sleep 3
    generator "$SCEN-atelier" --mode atelier --target "http://127.0.0.1:$P1,http://127.0.0.1:$P2" \
      --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" --server-pid "$N1,$N2,$STORE_PID" \
      --label "Atelier, 2 nodes + shared store" "$@"
    stop "$N1" "$N2" "$STORE_PID"
    JFR_FILES=("$RESULTS/$SCEN-atelier-node1.jfr" "$RESULTS/$SCEN-atelier-node2.jfr")
  else
    LABEL="Atelier, 1 node"
    NODE_STORE=()
    STORE_PID=""
    if [ "${STORE:-}" = separate ]; then
      STORE_PORT=${STORE_PORT:-$((ATELIER_PORT + 20))}
      mkdir -p "$DATA/store" "$DATA/node"
      # shellcheck disable=SC2086
      ( export ATELIER_DATA_DIR="$DATA/store"; exec "${NICE_CMD[@]}" java $SERVER_JAVA_OPTS -jar "$ATELIER_JAR" store --port "$STORE_PORT" ) \
        > "$RESULTS/$SCEN-store.log" 2>&1 &
      STORE_PID=$!
      PIDS+=("$STORE_PID")
      for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$STORE_PORT) 2>/dev/null && break; sleep 0.2; done
      NODE_STORE=(ATELIER_DATA_DIR="$DATA/node" ATELIER_MONGO_URI="mongodb://127.0.0.1:$STORE_PORT")
      LABEL="Atelier, 1 node (store in its own process, not counted here)"
    else
      NODE_STORE=(ATELIER_DATA_DIR="$DATA")
    fi
    start_atelier atelier "$ATELIER_PORT" "${NODE_STORE[@]}"
    A_PID=$LAST_PID
    rm -f "$RESULTS/$SCEN-atelier-generator.log"
    threads "$SCEN-atelier" "$A_PID"
    if [ -n "$STORE_PID" ]; then threads "$SCEN-atelier-store" "$STORE_PID" "$SCEN-atelier"; fi
    generator "$SCEN-atelier" --mode atelier --target "http://127.0.0.1:$ATELIER_PORT" \
      --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" --server-pid "$A_PID" --label "$LABEL" "$@"
    stop "$A_PID" ${STORE_PID:+"$STORE_PID"}
    JFR_FILES=("$RESULTS/$SCEN-atelier.jfr")
  fi
  rm -rf "$DATA"

  if [ "${JFR:-0}" = 1 ]; then
    for f in "${JFR_FILES[@]}"; do
      [ -f "$f" ] || continue
      "$ROOT/loadtest/jfr-top.sh" "$f" > "${f%.jfr}-top.txt" || true
      echo "JFR summary: ${f%.jfr}-top.txt" >&2
    done
  fi
fi

if [ -f "$RESULTS/$SCEN-relay.json" ] && [ -f "$RESULTS/$SCEN-atelier.json" ] && [ -z "$ONLY" ]; then
  java -jar "$LT_JAR" compare "$RESULTS/$SCEN-relay.json" "$RESULTS/$SCEN-atelier.json" --md "$RESULTS/$SCEN-compare.md"
fi
