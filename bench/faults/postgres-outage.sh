#!/usr/bin/env bash
# PostgreSQL stopped for 60 s (FAULTS_OUTAGE_SECONDS) under load on two replicas, then restarted: no valid key
# refused, every answered request in the ledger once, the admin API back without a restart.
exec "$(dirname "$0")/run-scenario.sh" postgresStoppedFor60sUnderLoad -Dfaults.outage.seconds="${FAULTS_OUTAGE_SECONDS:-60}"
