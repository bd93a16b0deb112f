/**
 * The column types and typed tables that the command line's readers (CSV, Parquet), its expressions and its writers
 * share: {@link dev.chunkwise.cli.data.ColumnType} (the type an expression sees, with the array and series that hold
 * each type), {@link dev.chunkwise.cli.data.TypedFrame} (a frame with each column's type and why) and
 * {@link dev.chunkwise.cli.data.DataFileException} (a file that cannot be read). It depends on nothing of the command
 * line's, so that the file formats and the expressions depend on it and not on each other.
 */
package dev.chunkwise.cli.data;
