#!/usr/bin/env bash
# Summarises CPU samples of a JFR recording: hottest leaf frames, hottest Atelier frames (first
# atelier.* frame of each stack), and samples per thread.
#   loadtest/jfr-top.sh FILE.jfr [N] [FROM]
# FROM (e.g. 05:28:23, UTC wall clock as printed by jfr; a report's "measureStartedAt") keeps only the
# samples taken from then on, i.e. the measured window without start-up, preparation and connecting.
set -euo pipefail
F=${1:?usage: jfr-top.sh FILE.jfr [N]}
N=${2:-25}
FROM=${3:-}
TMP=$(mktemp)
trap 'rm -f "$TMP"' EXIT
jfr print --stack-depth 64 --events jdk.ExecutionSample "$F" \
  | awk -v from="$FROM" '
      /^jdk.ExecutionSample/ { if (buf != "" && keep) printf "%s", buf; buf = $0 "\n"; keep = (from == ""); next }
      /startTime = / { t = $3; if (from != "" && substr(t, 1, length(from)) >= from) keep = 1 }
      { buf = buf $0 "\n" }
      END { if (buf != "" && keep) printf "%s", buf }' > "$TMP"
TOTAL=$(grep -c '^jdk.ExecutionSample' "$TMP" || true)
echo "# $F: $TOTAL execution samples"
echo
echo "## Top $N leaf frames (where the CPU is)"
awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' "$TMP" \
  | sort | uniq -c | sort -rn | head -"$N"
echo
echo "## Top $N Atelier frames (first atelier.* frame of each sample)"
awk '/stackTrace = \[/{inst=1; found=0; next}
     inst && /^[ \t]*\]/{inst=0; if(!found) print "(no atelier frame)"; next}
     inst && !found && /atelier\./{l=$0; sub(/^[ \t]+/, "", l); sub(/[ \t]+line:.*/, "", l); print l; found=1}' "$TMP" \
  | sort | uniq -c | sort -rn | head -"$N"
echo
echo "## Samples by package of the leaf frame"
awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/\(.*/, ""); n=split($0, p, "."); s=p[1]; for(i=2;i<n-1 && i<4;i++) s=s"."p[i]; print s}' "$TMP" \
  | sort | uniq -c | sort -rn | head -15
echo
echo "## Samples by thread"
grep -o 'sampledThread = "[^"]*"' "$TMP" | sed 's/[0-9]*"$/"/' | sort | uniq -c | sort -rn | head -10
