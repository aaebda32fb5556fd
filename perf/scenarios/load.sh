#!/usr/bin/env bash
# Steady load on one gateway: intake and end-to-end figures (e.g. --rate=5000 --seconds=30 --mix=webchat).
source "$(dirname "$0")/common.sh"
run_scenario load "$@"
