#!/usr/bin/env bash
# One of two replicas SIGKILLed while 12 clients stream; a replica started later replays its spill file. Prints the
# events lost against the bound (requests in flight + the events queued since the last fsynced batch).
exec "$(dirname "$0")/run-scenario.sh" aReplicaKilledWhileStreaming
