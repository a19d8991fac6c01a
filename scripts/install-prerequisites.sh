#!/usr/bin/env bash
# Installs what the local backend needs on a Debian-like machine: iproute2 (ip netns, veth, bridge),
# iptables (partitions), util-linux (setpriv, to start Cassandra without CAP_IPC_LOCK or as the user; setsid, for the
# watchdog and the privileged helper), sudo (through which a harness that is not root starts that helper),
# a JDK 17 (Cassandra 5.x's nodes) and a JDK 11 (Cassandra 4.x's), and Chromium (the browser test opens
# report.html headless), ping (a test probes one-way cuts with it), and Debian's Maven (the example projects build
# with it, as a team's would).
set -euo pipefail
# root (most containers and CI runners) installs directly; anyone else through sudo
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-prerequisites: run this script as root (or install sudo)" >&2
    exit 1
  fi
  as_root=(sudo)
fi
need=()
command -v ip >/dev/null || need+=(iproute2)
command -v iptables >/dev/null || need+=(iptables)
{ command -v setpriv && command -v setsid; } >/dev/null || need+=(util-linux)
command -v sudo >/dev/null || need+=(sudo)
ls /usr/lib/jvm/*17*/bin/java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v chromium >/dev/null || need+=(chromium)
command -v ping >/dev/null || need+=(iputils-ping)
command -v curl >/dev/null || need+=(curl)
# the example projects are also built with a plain Maven of a distribution (3.8), as a team's own build would be
[[ -x /usr/share/maven/bin/mvn ]] || need+=(maven)
if ((${#need[@]})); then
  echo "install-prerequisites: installing ${need[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Cassandra 4.x fails on JDK 17 and Debian 12 packages no JDK 11: Debian 11's own openjdk-11-jre-headless,
# checked against its suite's Packages index and unpacked where dpkg would put it (the JVM and its /etc files).
if ! ls /usr/lib/jvm/*11*/bin/java >/dev/null 2>&1; then
  arch=$(dpkg --print-architecture)
  mirror=http://deb.debian.org/debian
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  curl -fsS "$mirror/dists/bullseye/main/binary-$arch/Packages.gz" | gunzip >"$work/Packages"
  entry=$(awk '/^Package: openjdk-11-jre-headless$/{p=1} p&&/^$/{exit} p' "$work/Packages")
  file=$(sed -n 's/^Filename: //p' <<<"$entry")
  sum=$(sed -n 's/^SHA256: //p' <<<"$entry")
  echo "install-prerequisites: unpacking JDK 11 for Cassandra 4.x from Debian 11 ($(basename "$file"))" >&2
  curl -fsS -o "$work/jdk11.deb" "$mirror/$file"
  echo "$sum  $work/jdk11.deb" | sha256sum --check --quiet
  dpkg-deb -x "$work/jdk11.deb" "$work/root"
  "${as_root[@]}" cp -a "$work/root/usr/lib/jvm/." /usr/lib/jvm/
  "${as_root[@]}" cp -a "$work/root/etc/." /etc/
fi
echo "install-prerequisites: ip, iptables, setpriv, setsid, sudo, JDK 17, JDK 11, chromium, ping and Maven present" >&2
