#!/usr/bin/env bash
# Soak at half the measured capacity, streamed and non-streamed mixed, for SOAK_MINUTES (default 60), sampling every
# SOAK_SAMPLE_SECONDS (default 60): requests/s, errors, p50/p99, heap, threads, open fds, database connections.
# Outside the shared 10-minute limit of the dev machine, run it without the lock: it holds the machine for an hour.
exec "$(dirname "$0")/run-scenario.sh" soakAtHalfCapacity -Dfaults.soak.minutes="${SOAK_MINUTES:-60}" \
  -Dfaults.soak.sample.seconds="${SOAK_SAMPLE_SECONDS:-60}"
