#!/usr/bin/env bash
# Installs what the local backend needs on a Debian-like machine: iproute2 (ip netns, veth, bridge),
# iptables (partitions), util-linux (setpriv, to start Cassandra without CAP_IPC_LOCK; setsid, for the watchdog), a JDK 17, and
# Chromium (the browser test opens report.html headless), ping (a test probes one-way cuts with it).
set -euo pipefail
need=()
command -v ip >/dev/null || need+=(iproute2)
command -v iptables >/dev/null || need+=(iptables)
{ command -v setpriv && command -v setsid; } >/dev/null || need+=(util-linux)
ls /usr/lib/jvm/*17*/bin/java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v chromium >/dev/null || need+=(chromium)
command -v ping >/dev/null || need+=(iputils-ping)
if ((${#need[@]})); then
  # root (most containers and CI runners) installs directly; anyone else through sudo, for apt alone
  as_root=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null; then
      echo "install-prerequisites: missing ${need[*]}; run this script as root" >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  echo "install-prerequisites: installing ${need[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "install-prerequisites: ip, iptables, setpriv, setsid, JDK 17, chromium and ping present" >&2
