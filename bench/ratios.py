"""Reads the Python peers' JSON and chunkwise's bench JSON from one side-by-side run; prints a Markdown table of ratios."""
import glob
import json
import os
import sys

out = sys.argv[1]


def peers(exp):
    recs = []
    for f in glob.glob(os.path.join(out, "peers", exp + "*.json")):
        with open(f) as fh:
            data = json.load(fh)
        recs += data["records"] if isinstance(data, dict) and "records" in data else data
    return recs


def peer(recs, variant, n=None):
    for r in recs:
        if r.get("variant") == variant and (n is None or r.get("N") == n):
            return r["median_s"]
    return None


def chunkwise(name):
    path = os.path.join(out, f"chunkwise-{name}.json")
    if not os.path.exists(path):
        return {}
    with open(path) as fh:
        cells = json.load(fh)["cells"]
    return {(c["backend"], c["rows"]): c["medianNanos"] / 1e9 for c in cells}


def fmt(s):
    if s is None:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s:.3g} s"


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else f"{a / b:,.1f}×"


print("# chunkwise beside the notebook's Python stack\n")
with open(os.path.join(out, "machine.txt")) as fh:
    print("Machine and date:\n\n```\n" + fh.read().strip() + "\n```\n")

e1 = peers("exp1")
jmh = {}
jmh_path = os.path.join(out, "jmh-dispatch.json")
if os.path.exists(jmh_path):
    with open(jmh_path) as fh:
        for b in json.load(fh):
            jmh[b["benchmark"].rsplit(".", 1)[1]] = b["primaryMetric"]["score"] * 1e-6  # µs/op → s
print("## The notebook's three-item pool map\n")
print("| what | Python | chunkwise | Python ÷ chunkwise |\n|---|---|---|---|")
for label, pv, cv in [("create + map + close, Pool(5) / Pool.threads(5)", "pool5_ctx_create_map_teardown", "threadsCreateMapClose"),
                      ("map on an open pool of 5", "pool5_warm_map", "threadsWarmMap")]:
    p, c = peer(e1, pv), jmh.get(cv)
    print(f"| {label} | {fmt(p)} | {fmt(c)} | {ratio(p, c)} |")

for exp, name, title in [("exp2", "cheap", "K = A * 2 (the notebook's multiply_columns)"),
                         ("exp3", "sqrt200", "K = sum of 200 square roots of i + A (CPU-heavy)")]:
    recs = peers(exp)
    cw = chunkwise(name)
    sizes = sorted({r for (_, r) in cw})
    print(f"\n## {title}\n")
    print("| rows | pandas serial apply | pandas parallel (Pool(4) or Pool(2), 7 parts) | chunkwise serial | chunkwise threads | chunkwise auto | pandas apply ÷ chunkwise auto |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        ps = peer(recs, "serial_apply", n)
        pp = peer(recs, "parallel_cold_pool4", n) or peer(recs, "parallel_cold_pool2", n)
        cs, ct, ca = cw.get(("serial", n)), cw.get(("threads", n)), cw.get(("auto", n))
        print(f"| {n:,} | {fmt(ps)} | {fmt(pp)} | {fmt(cs)} | {fmt(ct)} | {fmt(ca)} | {ratio(ps, ca)} |")
