#!/usr/bin/python3
"""Group-wise apply in pandas (and dask on 2 worker processes) on the rows of GroupApplyBenchmark: A = (7 i) mod 100,
keys G by shape (uniform10, uniform1000, uniform100000, zipf1000, hotHalf), the same as the Java benchmark makes them.

  /usr/bin/python3 bench/groups.py [ROWS] [SQRTS] [SHAPE ...]      (default 100000 rows, 200 square roots a row)

apply: groupby(G).apply of H = sum over the group's rows of sum_{i<SQRTS} sqrt(i + A); transform: each row's group
mean of A (groupby(G).transform), as GroupApplyBenchmark's withAggregates step. Prints the median of 3 runs each (after
one warm-up), in milliseconds."""
import math
import statistics
import sys
import time

import pandas as pd

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
sqrts = int(sys.argv[2]) if len(sys.argv) > 2 else 200
shapes = sys.argv[3:] or ["uniform10", "uniform1000", "uniform100000", "zipf1000", "hotHalf"]


def zipf_cumulative(keys, s):
    c, total = [], 0.0
    for k in range(keys):
        total += 1 / math.pow(k + 1, s)
        c.append(total)
    return [x / total for x in c]


def zipf_key(cumulative, u):
    lo, hi = 0, len(cumulative) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cumulative[mid] < u:
            lo = mid + 1
        else:
            hi = mid
    return lo


def frame(shape):
    cumulative = zipf_cumulative(1000, 1.1) if shape == "zipf1000" else None
    key = {
        "uniform10": lambda i: i % 10,
        "uniform1000": lambda i: i % 1000,
        "uniform100000": lambda i: i % 100_000,
        "zipf1000": lambda i: zipf_key(cumulative, (i * 0.6180339887498949) % 1.0),
        "hotHalf": lambda i: 0 if i < rows // 2 else 1 + i % 999,
    }[shape]
    return pd.DataFrame({"G": [key(i) for i in range(rows)], "A": [(7 * i) % 100 for i in range(rows)]})


def heavy(g):
    return pd.Series({"H": sum(sum(math.sqrt(i + a) for i in range(sqrts)) for a in g["A"])})


def timed(f, runs=3):
    f()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        dask = dd = None
    print(f"pandas {pd.__version__}, {rows} rows, {sqrts} square roots a row"
          + ("" if dd is None else f", dask {dask.__version__}"))
    for shape in shapes:
        df = frame(shape)
        line = f"{shape:>14}: pandas apply {timed(lambda: df.groupby('G', sort=False).apply(heavy)):.1f} ms"
        line += f", pandas transform(mean) {timed(lambda: df.groupby('G')['A'].transform('mean')):.1f} ms"
        if dd is not None:
            ddf = dd.from_pandas(df, npartitions=2)
            meta = pd.DataFrame({"H": pd.Series(dtype="float64")})
            run = lambda: ddf.groupby("G").apply(heavy, meta=meta).compute(scheduler="processes", num_workers=2)
            line += f", dask apply on 2 processes {timed(run, runs=1):.1f} ms"
        print(line, flush=True)


if __name__ == "__main__":  # dask's worker processes import this file again
    main()
