#!/usr/bin/env bash
# The hold model on icesim's kernel and on ns-3's schedulers, side by side on this machine, in one
# command. Builds hold.cc against Debian's libns3-dev (apt-get install libns3-dev g++), runs
# `icesim bench --kernel`, and prints events per CPU second for each queue and icesim's ratio to
# the fastest ns-3 scheduler at each queue size. (Only libns3-core is linked: its pkg-config
# entry also names GSL libraries that the core does not need.)
#
# usage: sim/src/bench/ns3/compare.sh [EVENTS]      (default 20 000 000 per queue size)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
events="${1:-20000000}"
if ! [[ "$events" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare.sh: EVENTS must be a positive whole number, was '$events'" >&2
  exit 2
fi
if ! command -v g++ >/dev/null || ! pkg-config --exists ns3-core 2>/dev/null; then
  echo "compare.sh: needs g++ and ns-3's headers and libraries: apt-get install g++ libns3-dev pkg-config" >&2
  exit 3
fi
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
g++ -O2 -std=c++17 -o "$build/hold" "$here/hold.cc" $(pkg-config --cflags ns3-core) -lns3-core

echo "hold model, $events events per queue size after as many warm-up events (CPU time of one thread)"
echo "ns-3 $(pkg-config --modversion ns3-core), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
declare -A icesim best bestName
while read -r pending rate; do
  icesim[$pending]=$rate
done < <("$root/icesim" bench --kernel --events "$events" \
           | sed -n 's/^ *\([0-9,]*\) pending (M events per CPU second) *\([0-9.]*\) .*/\1 \2/p' | tr -d ,)
if [ "${#icesim[@]}" -eq 0 ]; then
  echo "compare.sh: could not read the figures of 'icesim bench --kernel'" >&2
  exit 3
fi
printf '%-10s %-32s %12s\n' pending queue "M events/s"
for pending in 10 1000 100000; do
  printf '%-10s %-32s %12s\n' "$pending" "icesim Simulator (ladder + heap)" "${icesim[$pending]}"
  best[$pending]=0
  for scheduler in ns3::MapScheduler ns3::HeapScheduler ns3::CalendarScheduler ns3::PriorityQueueScheduler; do
    read -r _ _ rate < <("$build/hold" "$scheduler" "$pending" "$events")
    printf '%-10s %-32s %12s\n' "$pending" "$scheduler" "$rate"
    if awk -v a="$rate" -v b="${best[$pending]}" 'BEGIN { exit !(a > b) }'; then
      best[$pending]=$rate
      bestName[$pending]=$scheduler
    fi
  done
done
echo
for pending in 10 1000 100000; do
  awk -v p="$pending" -v i="${icesim[$pending]}" -v n="${best[$pending]}" -v s="${bestName[$pending]}" \
    'BEGIN { printf "%-7s pending: icesim %.2f M/s, fastest ns-3 (%s) %.2f M/s, ratio %.2f\n", p, i, s, n, i / n }'
done
