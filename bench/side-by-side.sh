#!/usr/bin/env bash
# chunkwise beside the notebook's Python stack, on this machine, in one sitting; writes one table of ratios.
#
#   bench/side-by-side.sh [OUT_DIR]          (default OUT_DIR: ./bench-results; about 15 minutes on 2 cores)
#
# Installs Debian's python3-pandas, -numpy, -dask, -joblib and -distributed when missing (needs root or sudo), runs
# the Python scripts of ../shared/peers (or $PEERS_DIR) and chunkwise's own bench and JMH benchmarks on the same
# sizes, then prints and writes OUT_DIR/side-by-side.md. Set MAX_N to cap the sizes (default 1000000).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/bench-results}"
peers="${PEERS_DIR:-$root/../shared/peers}"
max_n="${MAX_N:-1000000}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if ! /usr/bin/python3 -c 'import pandas, numpy, dask, joblib' 2>/dev/null; then
  echo "installing Debian's Python stack for the peers..." >&2
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3-pandas python3-numpy python3-dask python3-joblib python3-distributed >/dev/null
fi
[ -d "$peers" ] || { echo "no peers folder at $peers (set PEERS_DIR)" >&2; exit 2; }

echo "== machine" | tee "$out/machine.txt"
{ nproc; free -h | head -2; java -version 2>&1 | head -1; /usr/bin/python3 --version; date -u; } | tee -a "$out/machine.txt"

echo "== Python peers (pandas + multiprocessing, dask, joblib)"
export PEERS_RESULTS="$out/peers"
mkdir -p "$PEERS_RESULTS"
(cd "$peers" && /usr/bin/python3 exp1_pool_map.py --cold-runs 20 --warm-runs 300) | tee "$out/exp1.log"
(cd "$peers" && /usr/bin/python3 exp2_cheap_apply.py --max-n "$max_n") | tee "$out/exp2.log"
(cd "$peers" && /usr/bin/python3 exp3_heavy_apply.py --max-n "$((max_n / 10))") | tee "$out/exp3.log"

echo "== chunkwise"
"$root/bin/chunkwise" info
"$root/bin/chunkwise" bench --rows "100,10000,$((max_n / 10)),$max_n" --function cheap --backends serial,threads,processes,auto \
  --runs 5 --json "$out/chunkwise-cheap.json" --chart "$out/chunkwise-cheap.svg" | tee "$out/chunkwise-cheap.txt"
"$root/bin/chunkwise" bench --rows "100,10000,$((max_n / 10))" --function sqrt200 --backends serial,threads,processes,auto \
  --runs 3 --json "$out/chunkwise-sqrt200.json" --chart "$out/chunkwise-sqrt200.svg" | tee "$out/chunkwise-sqrt200.txt"
(cd "$root" && mvn -B -q -pl chunkwise-bench -am package -DskipTests)
java -jar "$root/chunkwise-bench/target/benchmarks.jar" DispatchBenchmark -f 1 -wi 3 -i 5 -rf json -rff "$out/jmh-dispatch.json" \
  | grep -E "^(Benchmark|DispatchBenchmark)" | tee "$out/jmh-dispatch.txt"

/usr/bin/python3 "$root/bench/ratios.py" "$out" | tee "$out/side-by-side.md"
