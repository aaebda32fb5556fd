#!/usr/bin/env bash
# (e) burst of 20x the normal rate (250/s -> 5,000/s) for 60 s: intake p99 <= 50 ms, the backlog drains,
# memory stays bounded.
source "$(dirname "$0")/common.sh"
run_scenario burst "$@"
