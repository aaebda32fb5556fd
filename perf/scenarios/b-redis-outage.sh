#!/usr/bin/env bash
# (b) Redis (a private redis-server, append-only) stopped for 20 s and restarted: webhooks answer 503 meanwhile,
# nothing acknowledged is lost, the same gateway process recovers by itself.
source "$(dirname "$0")/common.sh"
run_scenario redis-outage "$@"
