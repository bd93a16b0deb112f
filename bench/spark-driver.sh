#!/usr/bin/env bash
# What the driver holds when the executors read and write (issue #19): `apply --backend spark --master` on a real
# standalone master and worker on loopback, over directories of part files of growing size; the driver's peak
# resident memory and wall time for each (GNU time), and the output checked byte for byte against the local serial
# run at the smallest size. Beside it, today's driver-side path (`--backend spark` without a master, local[*]), which
# reads the whole file on the driver, on one file of the same rows.
#
#   bench/spark-driver.sh [DATA_DIR]       (SIZES="1000000 10000000 50000000" rows, PARTS=8 files; about 10 minutes)
#
# The cluster is started as docs/spark.md shows (a SPARK_HOME whose jars/ are lib/spark and lib/parquet without
# chunkwise's own) and stopped at the end, by the pids this script started.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
d="${1:-${TMPDIR:-/tmp}/chunkwise-spark-driver}"
sizes="${SIZES:-1000000 10000000 50000000}"
parts="${PARTS:-8}"
mkdir -p "$d"
d="$(cd "$d" && pwd)"
cw="$root/bin/chunkwise"
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time; Debian: apt-get install time)" >&2; exit 2; }
"$cw" info >/dev/null   # builds once
lib="$root/chunkwise-cli/target/lib"

home="$d/spark-home"
rm -rf "$home"
mkdir -p "$home/jars"
touch "$home/RELEASE"
for j in "$lib"/spark/*.jar "$lib"/parquet/*.jar; do
  case "${j##*/}" in chunkwise-*|dflib-*) ;; *) ln -sf "$j" "$home/jars/" ;; esac
done
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
master="spark://127.0.0.1:$port"
pids=()
stop() {
  local p
  for p in ${pids[@]+"${pids[@]}"}; do
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop EXIT
java @"$lib/spark.jvmargs" -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port 0 >"$d/master.log" 2>&1 &
pids+=($!)
java @"$lib/spark.jvmargs" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 \
  --work-dir "$d/work" "$master" >"$d/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  grep -q "Successfully registered with master" "$d/worker.log" && break
  sleep 0.5
done
grep -q "Successfully registered with master" "$d/worker.log" || { echo "the worker did not register; see $d/worker.log" >&2; exit 1; }
echo "== cluster $master: one worker of $(nproc) cores; $(date -u); commit $(git -C "$root" log -1 --format=%h)"

for n in $sizes; do
  data="$d/data-$n"
  if [ ! -d "$data" ]; then
    mkdir -p "$data.tmp"
    for ((k = 0; k < parts; k++)); do
      "$cw" generate --rows $((n / parts)) --seed $((k + 1)) -o "$data.tmp/part-$k.csv" >/dev/null
    done
    mv "$data.tmp" "$data"
  fi
  rm -rf "$d/out-$n"
  echo "== $n rows in $parts files ($(du -sh "$data" | cut -f1))"
  /usr/bin/time -f "driver: %e s wall, peak RSS %M KiB" "$cw" apply "$data" --with 'K = A * 2' -o "$d/out-$n" \
    --backend spark --master "$master" --explain --no-progress 2>&1 | grep -E "^(plan|census|apply|commit|driver)"
done

n="${sizes%% *}"
echo "== exactness at $n rows: the parts in order against the local serial run over the files in order"
{ head -n 1 "$d/data-$n/part-0.csv"; for ((k = 0; k < parts; k++)); do tail -n +2 "$d/data-$n/part-$k.csv"; done; } > "$d/all-$n.csv"
"$cw" apply "$d/all-$n.csv" --with 'K = A * 2' -o "$d/serial-$n.csv" --backend serial --no-progress
{ head -n 1 "$d/out-$n/part-00000.csv"; for f in "$d/out-$n"/part-*.csv; do tail -n +2 "$f"; done; } > "$d/parts-$n.csv"
if cmp -s "$d/serial-$n.csv" "$d/parts-$n.csv"; then echo "equal, byte for byte ($(wc -l < "$d/parts-$n.csv") lines)"; else echo "DIFFERENT"; exit 1; fi

echo "== today's driver-side path (local[*], the whole file on the driver), one file"
for n in $sizes; do
  [ "$n" -le 10000000 ] || continue
  f="$d/all-$n.csv"
  [ -f "$f" ] || { head -n 1 "$d/data-$n/part-0.csv"; for ((k = 0; k < parts; k++)); do tail -n +2 "$d/data-$n/part-$k.csv"; done; } > "$f"
  /usr/bin/time -f "driver, $n rows: %e s wall, peak RSS %M KiB" "$cw" apply "$f" --with 'K = A * 2' -o "$d/local-$n.csv" \
    --backend spark --no-progress 2>&1 | grep -E "^driver"
done
