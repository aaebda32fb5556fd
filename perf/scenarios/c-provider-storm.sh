#!/usr/bin/env bash
# (c) provider storm: 50% 429 with retry-after and 20% 500 for 30 s, pacing on, bulk messages queued:
# nothing lost, pacing held, replies to people ahead of bulk.
source "$(dirname "$0")/common.sh"
run_scenario storm "$@"
