#!/usr/bin/env bash
# How soon chunkwise answers (issue #18): whole processes, each pair run in turn (A B A B ...) after a warm-up, the
# median wall time and peak resident memory of each, and the median of the pair-by-pair ratios A/B.
#
#   bench/startup.sh [RUNS] [DATA_DIR]      (default 7 runs; about 10 minutes on 2 cores)
#
# Pairs: `chunkwise info` against `java -version`; `apply` of `K = A * 2` on a 1,000-row CSV, serially, against
# Polars' whole process (the anchors of ../shared/peers/filejob, set up once with its setup.sh; set ANCHORS) and
# against itself on worker processes; the same on 10^6 rows against Polars, on JDK 17 and on JDK 25 (set JAVA25);
# the first runs of a fresh cache (which record and make the class archive) against runs without archives.
# The archives used are made first, in a cache of this script's own (DATA_DIR/cache), not the user's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-7}"
d="${2:-${TMPDIR:-/tmp}/chunkwise-startup}"
anchors="${ANCHORS:-$HOME/filejob-anchors}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
mkdir -p "$d"
d="$(cd "$d" && pwd)"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time; Debian: apt-get install time)" >&2; exit 2; }
export XDG_CACHE_HOME="$d/cache"
cw="$root/bin/chunkwise"

"$cw" info >/dev/null   # builds once, outside the timing
[ -f "$d/s1k.csv" ] || "$cw" generate --rows 1000 --seed 2 -o "$d/s1k.csv" >/dev/null
[ -f "$d/g1m.csv" ] || "$cw" generate --rows 1000000 --seed 1 -o "$d/g1m.csv" >/dev/null

# Runs "$@" once; appends "wall_seconds peak_kib" to the file $out.
one() {
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$d/rss" "$@" >/dev/null 2>"$d/err" || { cat "$d/err" >&2; echo "failed: $*" >&2; exit 1; }
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000 )) $(cat "$d/rss")" >> "$out"
}

# pair LABEL_A "COMMAND A" LABEL_B "COMMAND B": the two in turn, one warm-up each, then $runs of each.
pair() {
  local la="$1" a="$2" lb="$3" b="$4" i
  rm -f "$d/a" "$d/b"
  out=/dev/null; one bash -c "$a"; one bash -c "$b"
  for ((i = 0; i < runs; i++)); do
    out="$d/a"; one bash -c "$a"
    out="$d/b"; one bash -c "$b"
  done
  python3 - "$la" "$lb" "$d/a" "$d/b" <<'EOF'
import statistics, sys
la, lb, fa, fb = sys.argv[1:]
a = [tuple(map(int, l.split())) for l in open(fa)]
b = [tuple(map(int, l.split())) for l in open(fb)]
def fmt(xs, label):
    w = sorted(x[0] / 1e6 for x in xs)
    return f"{label}: {statistics.median(w):.3f} s ({w[0]:.3f}-{w[-1]:.3f}), peak {statistics.median(x[1] for x in xs) / 1024:.0f} MiB"
r = sorted(x[0] / y[0] for x, y in zip(a, b))
print(f"  {fmt(a, la)}\n  {fmt(b, lb)}\n  {la} / {lb}: {statistics.median(r):.2f}x ({r[0]:.2f}-{r[-1]:.2f})")
EOF
}

echo "== machine"
{ nproc; java -version 2>&1 | head -1; "$java25" -version 2>&1 | head -1; date -u; git -C "$root" log -1 --format='commit %h'; } | sed 's/^/  /'

# The class archives, made before the timing: the command's (two runs: record, make) and the workers' (one pool).
for j in java "$java25"; do
  for k in 1 2; do
    JAVA="$j" "$cw" info >/dev/null
    JAVA="$j" "$cw" apply "$d/s1k.csv" --with 'K = A * 2' -o "$d/o.csv" --backend processes --no-progress >/dev/null 2>&1
  done
done

echo "== chunkwise info against java -version"
pair "chunkwise info" "'$cw' info" "java -version" "java -version"

echo "== apply on 1,000 rows, serial, against Polars"
if [ -f "$anchors/polars/polars_job.mjs" ]; then
  pair "chunkwise" "'$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend serial --no-progress" \
       "Polars" "node '$anchors/polars/polars_job.mjs' '$d/s1k.csv' '$d/p.csv'"
else
  echo "  (no Polars anchor at $anchors: ../shared/peers/filejob/setup.sh $anchors)"
fi

echo "== apply on 1,000 rows: worker processes against serial"
pair "processes" "'$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend processes --no-progress" \
     "serial" "'$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend serial --no-progress"

echo "== apply on 10^6 rows against Polars (JDK 17, then JDK 25 with its AOT cache)"
if [ -f "$anchors/polars/polars_job.mjs" ]; then
  pair "chunkwise" "'$cw' apply '$d/g1m.csv' --with 'K = A * 2' -o '$d/c.csv' --no-progress" \
       "Polars" "node '$anchors/polars/polars_job.mjs' '$d/g1m.csv' '$d/p.csv'"
  pair "chunkwise on JDK 25" "JAVA='$java25' '$cw' apply '$d/g1m.csv' --with 'K = A * 2' -o '$d/c.csv' --no-progress" \
       "Polars" "node '$anchors/polars/polars_job.mjs' '$d/g1m.csv' '$d/p.csv'"
fi

echo "== the first runs of a fresh cache against runs without class archives (1,000 rows, serial)"
# A fresh cache holds the calibration and file rates already measured, so that only the archives are new.
fresh="f=\$(mktemp -d '$d/fresh.XXXXXX'); mkdir \$f/chunkwise; cp '$d'/cache/chunkwise/*.properties \$f/chunkwise/; export XDG_CACHE_HOME=\$f;"
pair "first run (records)" "$fresh '$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend serial --no-progress" \
     "no archive" "CHUNKWISE_ARCHIVE=off '$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend serial --no-progress"
pair "two runs, fresh (record, make)" "$fresh for i in 1 2; do '$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend serial --no-progress; done" \
     "two runs, no archive" "for i in 1 2; do CHUNKWISE_ARCHIVE=off '$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend serial --no-progress; done"
pair "first run, processes (workers record)" "$fresh '$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend processes --no-progress" \
     "no archive, processes" "CHUNKWISE_ARCHIVE=off '$cw' apply '$d/s1k.csv' --with 'K = A * 2' -o '$d/c.csv' --backend processes --no-progress"
rm -rf "$d"/fresh.*
