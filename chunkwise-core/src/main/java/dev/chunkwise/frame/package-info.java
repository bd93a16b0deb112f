/**
 * Parallel apply over DFLib frames, the orchestration on top of everything else: {@code Parallel.apply(df, fn)}
 * returns a {@code ParallelApply} that samples the function ({@code Sampler}), asks the planner, runs the plan
 * ({@code Execution}) on a pool, auto's shared threads or this thread, and combines the parts in order
 * ({@code Partitions}); with the machine's calibration measured and cached ({@code CalibrationCache}), the cost of
 * functions remembered ({@code CostMemory}) and an account of each run ({@code RunReport}). Group-wise,
 * {@code Parallel.groupBy(df, key)} returns a {@code ParallelGroupBy} that packs the groups into tasks
 * ({@code Packing}) and applies a function or {@code Aggregate}s to each group.
 */
package dev.chunkwise.frame;
