"""What `chunkwise apply IN --group-by G --agg ...` computes, in pandas, for ApplyCommand_GroupByPandasTest: for each
of the columns given, sum, mean, min, max, var, std, first and last per group (named FN_COLUMN), and N (the group's
rows), groups in order of first appearance, an empty key a group of its own. Keys are read as text; numbers with
float_precision='round_trip', so that a number is parsed exactly as Java parses it (pandas' default parser can be
an ulp off). Usage: groupby_agg.py IN OUT COLUMN..."""
import sys
import pandas as pd

inp, out, columns = sys.argv[1], sys.argv[2], sys.argv[3:]
df = pd.read_csv(inp, dtype={"G": str}, float_precision="round_trip")
spec = {}
for col in columns:
    for fn in ["sum", "mean", "min", "max", "var", "std", "first", "last"]:
        spec[fn + "_" + col] = (col, fn)
spec["N"] = (columns[0], "size")
df.groupby("G", sort=False, dropna=False).agg(**spec).reset_index().to_csv(out, index=False)
