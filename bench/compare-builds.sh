#!/bin/bash
# Two builds of journey against the hand-written baseline, interleaved in one run (the order
# rotates each round), each command its own process under /usr/bin/time -v. Prints one line per
# run: label, format, wall clock, peak RSS in MB, the 1-minute load average after it.
#   bench/compare-builds.sh DATA_DIR csv|parquet ROUNDS BEFORE_BIN AFTER_BIN
# BEFORE_BIN/AFTER_BIN: bin/journey.js of two built checkouts (e.g. `git archive main | tar -x -C
# /tmp/before && cd /tmp/before && ln -s $PWD/node_modules && npx tsc`). Take the min per label.
set -u
D=${1:?DATA_DIR}; F=${2:?csv|parquet}; N=${3:-3}; BEFORE=${4:?BEFORE_BIN}; AFTER=${5:?AFTER_BIN}
W=$(cd "$(dirname "$0")/.." && pwd)
export XDG_CONFIG_HOME=${XDG_CONFIG_HOME:-$(mktemp -d)} NO_COLOR=1
T=$(mktemp)
run() {
  local label=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$T"
  echo "$label $F $(grep Elapsed "$T" | awk '{print $NF}') $(( $(grep Maximum "$T" | awk '{print $NF}') / 1024 )) load=$(cut -d' ' -f1 /proc/loadavg)"
}
for i in $(seq 1 "$N"); do
  case $((i % 3)) in 1) order="hw before after";; 2) order="after hw before";; 0) order="before after hw";; esac
  for o in $order; do
    case $o in
      hw) run hw node "$W/bench/handwritten.mjs" "$D" --format "$F" ;;
      before) run before node "$BEFORE" report "$D/$F" -f json -q ;;
      after) run after node "$AFTER" report "$D/$F" -f json -q ;;
    esac
  done
done
rm -f "$T"
