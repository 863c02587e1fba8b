#!/usr/bin/env bash
# One of two replicas SIGTERMed while 12 clients stream: nothing lost from the ledger.
exec "$(dirname "$0")/run-scenario.sh" aReplicaStoppedWhileStreaming
