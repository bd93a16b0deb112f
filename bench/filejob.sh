#!/usr/bin/env bash
# The command line's main job (CSV in, K = A * 2 added, CSV out) by chunkwise beside Polars, DuckDB and pandas, on the
# same file in the same sitting; then the heavy expression (a sum of 200 square roots per row).
#
#   bench/filejob.sh ROWS [DATA_DIR]
#
# Needs the anchors set up once with ../shared/peers/filejob/setup.sh (default place: ~/filejob-anchors; set ANCHORS).
# Prints each tool's time inside its process (read, compute, write) and, for chunkwise, the whole process's wall time
# and peak resident memory (GNU time).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-1000000}"
d="${2:-${TMPDIR:-/tmp}/filejob}"
anchors="${ANCHORS:-$HOME/filejob-anchors}"
mkdir -p "$d"
[ -x "$anchors/run.sh" ] || { echo "set up the anchors first: ../shared/peers/filejob/setup.sh $anchors" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || true; }

"$root/bin/chunkwise" info >/dev/null   # builds once, outside the timing
echo "== anchors (Polars, DuckDB, pandas), 3 rounds"
"$anchors/run.sh" "$n" "$d"
echo "== chunkwise, 3 rounds (inside the process; then the whole process)"
for r in 1 2 3; do
  /usr/bin/time -f "chunkwise whole process: %e s wall, peak RSS %M KiB" \
    "$root/bin/chunkwise" apply "$d/in-$n.csv" --with 'K = A * 2' -o "$d/chunkwise.csv" --explain --no-progress 2>&1 \
    | grep -E "^(read|chunkwise whole)"
done
echo "== chunkwise, heavy expression"
/usr/bin/time -f "chunkwise whole process: %e s wall, peak RSS %M KiB" \
  "$root/bin/chunkwise" apply "$d/in-$n.csv" -o "$d/chunkwise-heavy.csv" --explain --no-progress \
  --with 'K = { double s = 0; for (int i = 0; i < 200; i++) s += Math.sqrt(i + A); return s; }' 2>&1 \
  | grep -E "^(plan|read|chunkwise whole)"
# Polars writes K as a float (170.0), chunkwise as an int (170): compare the numbers.
paste -d, <(cut -d, -f5 "$d/chunkwise.csv" | tail -n +2) <(cut -d, -f5 "$d/polars.csv" | tail -n +2) \
  | awk -F, '$1 + 0 != $2 + 0 { bad++ } END { if (bad) { print bad " values of K differ from Polars'"'"'"; exit 1 } else print "chunkwise'"'"'s K equals Polars'"'"' K, row for row" }'
