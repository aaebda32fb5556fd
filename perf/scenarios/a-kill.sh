#!/usr/bin/env bash
# (a) kill -9 of a gateway in mid-load on Redis, restart: every acknowledged message answered; duplicates only for
# messages in flight at the kill, counted. Extra options go to the harness (e.g. --rate=800 --kill-at=20).
source "$(dirname "$0")/common.sh"
run_scenario kill "$@"
