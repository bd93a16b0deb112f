/**
 * The {@code --with} expressions: parsing {@code NAME = EXPRESSION} ({@link dev.chunkwise.cli.expr.Assignment}),
 * finding which names are columns (backticks, Java's own reading of a name), compiling each expression to a
 * {@link dev.chunkwise.cli.expr.ColumnKernel} (plain arithmetic evaluated without a compiler, anything else compiled
 * with Janino) and running them over a partition as a {@link dev.chunkwise.cli.expr.ExpressionFunction}, with errors
 * that quote the argument and failures that name the row; and group aggregates, {@code --agg}'s
 * ({@link dev.chunkwise.cli.expr.AggregateSpec}) and calls such as {@code mean(A)} inside {@code --with}
 * ({@link dev.chunkwise.cli.expr.AggregateCalls}). It sees columns only through {@code data}'s types, whatever
 * file they came from.
 */
package dev.chunkwise.cli.expr;
