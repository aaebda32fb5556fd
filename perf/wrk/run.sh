#!/usr/bin/env bash
# Load test of a running gateway (see docs/benchmarks.md). Needs wrk (Debian package "wrk").
#   perf/wrk/run.sh [base-url] [seconds] [connections] [visitors]
# Only ever point it at a gateway on this machine.
set -euo pipefail
BASE=${1:-http://127.0.0.1:8080}
SECONDS_=${2:-20}
CONNS=${3:-64}
VISITORS=${4:-200}
case "$BASE" in http://127.*|http://localhost*) ;; *) echo "refusing: only loopback targets" >&2; exit 2;; esac
cd "$(dirname "$0")/.."
mkdir -p perf/results
: > perf/wrk/tokens.txt
for _ in $(seq 1 "$VISITORS"); do   # one web chat session per simulated visitor
  curl -s -c - "$BASE/webchat/session" | awk '$6 == "jisr_visitor" { print $7 }' >> perf/wrk/tokens.txt
done
echo "visitors: $(wc -l < perf/wrk/tokens.txt)"
wrk -t2 -c"$CONNS" -d"${SECONDS_}s" --latency -s perf/wrk/webhook.lua "$BASE" | tee "perf/results/wrk-$(date +%s).txt"
