#!/usr/bin/env bash
# Runs a command while every core is kept busy by a CPU hog (one busy loop per core), to
# show that no test depends on how fast the machine is. The hogs are stopped on exit.
set -euo pipefail
hogs=()
trap 'kill "${hogs[@]}" 2>/dev/null || true' EXIT
for _ in $(seq "$(nproc)"); do
  python3 -c 'while True: pass' &
  hogs+=($!)
done
echo "under load: ${#hogs[@]} CPU hogs (pids ${hogs[*]})" >&2
"$@"
