/**
 * {@code chunkwise bench}'s measurements: a grid of frame sizes × backends for a row function
 * ({@link dev.chunkwise.cli.bench.BenchGrid}), the row functions ({@link dev.chunkwise.cli.bench.RowCost}), the same
 * job written by hand in Spark to compare with ({@link dev.chunkwise.cli.bench.SparkNative}), and the chart
 * ({@link dev.chunkwise.cli.bench.BenchChart}). It depends on the core and Spark only, not on the rest of the command
 * line.
 */
package dev.chunkwise.cli.bench;
