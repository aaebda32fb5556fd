#!/usr/bin/env bash
# (d) two nodes on one Redis under load: each message handled once; one stopped (SIGTERM; --kill for SIGKILL),
# the other takes over its pending work.
source "$(dirname "$0")/common.sh"
run_scenario two-nodes "$@"
