#!/usr/bin/env bash
# Stops the test bed tools/testbed/up.sh started in DIR: exactly the processes listed in DIR/pids (each
# checked to be the one started there, so a reused process id is never hit), TERM first, then KILL.
#
#   tools/testbed/down.sh DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir="$(cd "$1" && pwd)"
[ -f "$dir/pids" ] || exit 0
ours() { # PID NAME: true while PID still runs the binary up.sh started under that name
  tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -q -- "/$2 "
}
# The API server first, then etcd: the reverse of the start order.
tac "$dir/pids" | while read -r pid name; do
  ours "$pid" "$name" || continue
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do
    ours "$pid" "$name" || break
    sleep 0.1
  done
  if ours "$pid" "$name"; then kill -KILL "$pid" 2>/dev/null || true; fi
done
rm -f "$dir/pids"
echo "testbed: stopped the test bed in $dir" >&2
