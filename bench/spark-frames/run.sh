#!/usr/bin/env bash
# SparkFrames.apply against hand-written Spark (mapPartitions over Rows, withColumn) on an embedded local[2] session.
#   bench/spark-frames/run.sh [ROWS]       (default 10^7; about 2 minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/bin/chunkwise" info >/dev/null   # builds once
lib="$root/chunkwise-cli/target/lib"
out="${TMPDIR:-/tmp}/chunkwise-spark-frames"
mkdir -p "$out"
cp="$lib/core/*:$lib/parquet/*:$lib/spark/*"
javac -cp "$cp" -d "$out" "$root/bench/spark-frames/SparkFramesOverhead.java"
SPARK_LOCAL_IP=127.0.0.1 java @"$lib/spark.jvmargs" -Xmx6g -cp "$out:$cp" SparkFramesOverhead "${1:-10000000}"
