/**
 * Timing helpers for measuring what code costs: {@code Timeit} (mean ± standard deviation of R runs of L loops, as
 * IPython's {@code %timeit} reports it), the CPU and wall time of a block ({@code CpuTime}), and durations written
 * for people ({@code Durations}). Depends only on {@code util}.
 */
package dev.chunkwise.time;
