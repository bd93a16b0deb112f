/**
 * CSV files for the command line: {@link dev.chunkwise.cli.csv.CsvReader} reads a file in parallel byte ranges and
 * keeps every row's bytes, so that {@link dev.chunkwise.cli.csv.CsvFile} can type only the columns an expression
 * reads (from all their values, by {@code ColumnTyping}'s rules) and write the file back with computed columns set,
 * every other field byte for byte; {@link dev.chunkwise.cli.csv.CsvWriter} formats a whole frame. How a file is read
 * and typed is described in {@code docs/csv.md}. It depends on {@code data} (column types) and {@code work} (the
 * threads it runs on), not on the expressions.
 */
package dev.chunkwise.cli.csv;
