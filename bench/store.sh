#!/bin/bash
# Store timings (issue 12, docs/store.md): ingest of all files, a second ingest (nothing new), an
# ingest with one more file, and `journey report` from the store against the same report from CSV.
#   npm run build && bench/store.sh bench/data/10m      (generate the set first: bench/README.md)
# Wall-clock seconds per command (node start-up included); the last line checks that the two
# reports agree (kpis and stages of the JSON).
set -u
W=$(cd "$(dirname "$0")/.." && pwd); J=$W/bin/journey.js; D=${1:?usage: bench/store.sh DATA_DIR}
OUT=$(mktemp -d); export XDG_CONFIG_HOME=$OUT/xdg NO_COLOR=1
t() { local s; s=$(date +%s.%N); "$@" > /dev/null 2>>"$OUT/err.log"; local rc=$?; echo "$(echo "$(date +%s.%N) - $s" | bc) s (exit $rc)"; }
S=$OUT/store.duckdb
echo "ingest all: $(t node "$J" ingest "$D/csv" --store "$S" -q)"
echo "store size: $(du -h "$S" | cut -f1)"
echo "ingest again (nothing new): $(t node "$J" ingest "$D/csv" --store "$S" -q)"
mkdir -p "$OUT/week" && { head -1 "$D/csv/web_events.csv"; tail -n 200000 "$D/csv/web_events.csv"; } > "$OUT/week/web_events_week.csv"
echo "ingest one more file (200k web rows; the others hashed and skipped): $(t node "$J" ingest "$D/csv" "$OUT/week" --store "$S" -q)"
# Three interleaved pairs; the ratio is min against min (as bench/run.mjs), each pair's ratio beside it.
CSV=(); STORE=()
for i in 1 2 3; do
  c=$(t node "$J" report "$D/csv" "$OUT/week" -f json -q); s=$(t node "$J" report --store "$S" -f json -q)
  echo "report from CSV, run $i: $c; from store: $s; ratio $(echo "scale=2; ${c%% *} / ${s%% *}" | bc)x"
  CSV+=("${c%% *}"); STORE+=("${s%% *}")
done
MINC=$(printf '%s\n' "${CSV[@]}" | sort -g | head -1); MINS=$(printf '%s\n' "${STORE[@]}" | sort -g | head -1)
echo "min of 3: CSV $MINC s, store $MINS s: store $(echo "scale=2; $MINC / $MINS" | bc)x faster"

node "$J" report "$D/csv" "$OUT/week" -f json -q > "$OUT/a.json" 2>/dev/null
node "$J" report --store "$S" -f json -q > "$OUT/b.json" 2>/dev/null
node -e "const [a,b]=process.argv.slice(1).map(f=>require(f));console.log('same kpis and stages from store and CSV:', JSON.stringify([a.kpis,a.stages])===JSON.stringify([b.kpis,b.stages]))" "$OUT/a.json" "$OUT/b.json"
rm -rf "$OUT"
