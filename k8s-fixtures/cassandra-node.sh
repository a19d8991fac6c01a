#!/bin/bash
# The Cassandra container's command (mounted from ConfigMap cassandra-node). Cassandra runs as a child of this
# script so that a kill is a kill: the harness creates the hold file, SIGKILLs Cassandra, and this script starts it
# again only once the hold file is gone. The container itself never exits for it, so the kubelet restarts nothing,
# the StatefulSet recreates no pod, and the node keeps its address and its data, as a killed process on a machine
# does. Without a hold, Cassandra's exit is the container's, as with the image's own command.
set -u
hold=${FAULTLINE_HOLD:-/tmp/faultline-hold}
pidfile=${FAULTLINE_PIDFILE:-/tmp/cassandra.pid}
read -r -a cassandra <<< "${FAULTLINE_CASSANDRA:-docker-entrypoint.sh cassandra -f}"
child=""

# SIGTERM (pod deletion, eviction) goes to Cassandra, whose exit then ends the container.
stop() {
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null
        wait "$child"
    fi
    exit 143
}
trap stop TERM INT

while true; do
    while [ -e "$hold" ]; do
        sleep 0.2
    done
    "${cassandra[@]}" &
    child=$!
    echo "$child" > "$pidfile"
    wait "$child"
    status=$?
    child=""
    if [ ! -e "$hold" ]; then
        exit "$status"
    fi
done
