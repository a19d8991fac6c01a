#!/bin/bash
# The Cassandra container's command (mounted from ConfigMap cassandra-node). Cassandra runs as a child of this
# script so that a kill is a kill: the harness creates the hold file, SIGKILLs Cassandra, and this script starts it
# again only once the hold file is gone. The container itself never exits for it, so the kubelet restarts nothing,
# the StatefulSet recreates no pod, and the node keeps its address and its data, as a killed process on a machine
# does. Without a hold, Cassandra's exit is the container's, as with the image's own command.
#
# First it gives Cassandra the settings every Faultline backend uses (dev.faultline.cluster.CassandraSettings, in
# the same ConfigMap): each "key: value" of cassandra-settings.yaml replaces that key's line in cassandra.yaml, or is
# appended; this pod's token is line <ordinal + 1> of initial-tokens; jvm-options go to JVM_EXTRA_OPTS, which the
# image's cassandra-env.sh adds. The image's entrypoint then sets addresses and seeds from the environment.
#
# The StatefulSet starts its pods in parallel (OrderedReady would recreate no pod past a NotReady one, and a fault
# makes nodes NotReady), but Cassandra refuses nodes that join at the same time: on a volume no Cassandra ever ran on,
# the wrapper holds itself, and the harness releases the nodes one by one. A recreated pod finds its volume's marker
# and starts at once.
set -u
hold=${FAULTLINE_HOLD:-/tmp/faultline-hold}
pidfile=${FAULTLINE_PIDFILE:-/tmp/cassandra.pid}
joined=${FAULTLINE_DATA:-/var/lib/cassandra}/.faultline-joined
config=${FAULTLINE_CONFIG:-/faultline}
yaml=${CASSANDRA_CONF:-/etc/cassandra}/cassandra.yaml
read -r -a cassandra <<< "${FAULTLINE_CASSANDRA:-docker-entrypoint.sh cassandra -f}"
child=""

set_yaml() {
    local key=$1 value=$2
    if grep -q "^$key:" "$yaml"; then
        sed -i "s|^$key:.*|$key: $value|" "$yaml"
    else
        echo "$key: $value" >> "$yaml"
    fi
}

while IFS= read -r line; do
    [ -n "$line" ] && set_yaml "${line%%: *}" "${line#*: }"
done < "$config/cassandra-settings.yaml"
ordinal=${HOSTNAME##*-}
set_yaml initial_token "$(sed -n "$((ordinal + 1))p" "$config/initial-tokens")"
export JVM_EXTRA_OPTS="${JVM_EXTRA_OPTS:-} $(cat "$config/jvm-options")"

# SIGTERM (pod deletion, eviction) goes to Cassandra, whose exit then ends the container.
stop() {
    if [ -n "$child" ]; then
        kill -TERM "$child" 2>/dev/null
        wait "$child"
    fi
    exit 143
}
trap stop TERM INT

[ -e "$joined" ] || touch "$hold"
while true; do
    while [ -e "$hold" ]; do
        sleep 0.2
    done
    touch "$joined"
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
