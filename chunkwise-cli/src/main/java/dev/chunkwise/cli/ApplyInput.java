package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.Compression;
import dev.chunkwise.cli.csv.CsvDialect;
import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.CsvReader;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.data.TypedFrame;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.cli.expr.ExpressionException;
import dev.chunkwise.cli.expr.ExpressionFunction;
import org.dflib.DataFrame;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * The input of one {@code apply} run, read and typed: the frame the function is given, and, for a CSV file, the file
 * itself, so that the result can be written back with every column the function does not compute copied as it was.
 *
 * <p>For {@code --with} expressions only the columns they read are typed and put in the frame, each from all its
 * values (or as {@code --type} says); for a class given by {@code --apply}, or a Parquet output, every column is.
 */
final class ApplyInput {

    /** The CSV file read, or null for a Parquet input. */
    final CsvFile csv;
    /** The columns the function is given, with the type each was given and why. */
    final TypedFrame table;
    /** Plain-words notes for the user, such as a {@code --type} that no expression needs. */
    final List<String> notes;
    private final List<Assignment> assignments;
    private final Map<String, ColumnType> types;
    private final CompletableFuture<ExpressionFunction> early;

    private ApplyInput(CsvFile csv, TypedFrame table, List<String> notes, List<Assignment> assignments,
                       Map<String, ColumnType> types, CompletableFuture<ExpressionFunction> early) {
        this.csv = csv;
        this.table = table;
        this.notes = notes;
        this.assignments = assignments;
        this.types = types;
        this.early = early;
    }

    /**
     * Returns the expressions compiled against the columns' final types: the compile made from a sample while the
     * file was read if it had the same types, else a new one.
     *
     * @throws ExpressionException for the first expression that does not compile
     */
    ExpressionFunction expressions() {
        if (early != null) {
            try {
                ExpressionFunction fn = early.join();
                if (fn.inputTypes().equals(types)) {
                    return fn;
                }
            } catch (CompletionException e) {
                // It failed against the sampled types; compiling against the final ones gives the message that counts.
            }
        }
        return ExpressionFunction.compile(assignments, types);
    }

    /**
     * Reads a CSV file for {@code assignments} (empty with {@code --apply}); {@code wholeTable} types every column
     * (for {@code --apply} and Parquet outputs). The body is scanned in about {@code partitions} ranges on
     * {@code executor}.
     *
     * @throws UsageException naming the argument for a {@code --type} of an unknown column, or an expression that names
     *                        a column the header has twice
     */
    static ApplyInput readCsv(Path file, Charset charset, Compression compression, CsvDialect dialect,
                              List<Assignment> assignments,
                              Map<String, ColumnType> forcedTypes, boolean wholeTable, Executor executor,
                              int partitions) {
        CsvReader reader = CsvReader.open(file, charset, compression, dialect);
        ColumnsRead plan = ColumnsRead.of(reader, assignments, forcedTypes, wholeTable);
        List<String> columns = reader.columns();
        List<String> notes = plan.notes();
        int[] typed = plan.typed();
        String[] readerOf = plan.readers();
        ColumnType[] forced = plan.forced();

        // Compile with the types of a sample while the body of the file is read; kept if the final types agree.
        CompletableFuture<ExpressionFunction> early = assignments.isEmpty() ? null
                : compileAsync(assignments, types(columns, typed, readerOf, reader.sampleTypes(typed, forced)));
        CsvFile csv = reader.read(typed, executor, partitions);
        int asText = assignments.isEmpty() ? -1
                : needsText(assignments, columns, typed, readerOf, forced, csv.chosenTypes(forced, readerOf));
        if (asText >= 0) {
            forced[asText] = ColumnType.STRING;
        }
        TypedFrame t = csv.typedFrame(forced, readerOf, executor);
        if (asText >= 0) {
            t = t.withChoice(asText, new TypeChoice(columns.get(typed[asText]), ColumnType.STRING,
                    readerOf[asText] + " uses it as text"));
        }
        ColumnType[] finalTypes = t.choices().stream().map(TypeChoice::type).toArray(ColumnType[]::new);
        return new ApplyInput(csv, t, List.copyOf(notes), assignments, types(columns, typed, readerOf, finalTypes),
                early);
    }

    /**
     * Which columns of a CSV file are typed for the function, which expression reads each, and the type
     * {@code --type} gives it.
     *
     * @param typed   the typed columns, indexes into the header's columns
     * @param readers for each typed column, the {@code --with} that first reads it, or null if none does
     * @param forced  for each typed column that an expression reads, {@code --type}'s type, or null
     * @param notes   plain-words notes for the user, such as a {@code --type} that no expression needs
     */
    record ColumnsRead(int[] typed, String[] readers, ColumnType[] forced, List<String> notes) {

        /**
         * Finds them from the header of {@code reader}, for {@code assignments} (empty with {@code --apply});
         * {@code wholeTable} types every column.
         *
         * @throws UsageException naming the argument for a {@code --type} of an unknown column, or an expression
         *                        that names a column the header has twice
         */
        static ColumnsRead of(CsvReader reader, List<Assignment> assignments, Map<String, ColumnType> forcedTypes,
                              boolean wholeTable) {
            List<String> columns = reader.columns();
            for (String c : forcedTypes.keySet()) {
                if (!columns.contains(c)) {
                    throw new UsageException("--type " + c + "=…: the file has no column " + c + " (its columns are "
                            + String.join(", ", columns) + ")");
                }
            }
            List<String> notes = new ArrayList<>();
            Map<String, String> readers = new LinkedHashMap<>();
            Set<String> read = Set.copyOf(ExpressionFunction.inputColumnsRead(assignments, columns));
            for (Assignment a : assignments) {
                for (String c : ExpressionFunction.inputColumnsRead(List.of(a), columns)) {
                    if (read.contains(c)) {
                        readers.putIfAbsent(c, "--with '" + a.text() + "'");
                    }
                }
            }
            for (String c : forcedTypes.keySet()) {
                if (!readers.containsKey(c)) {
                    notes.add("--type " + c + " has no effect: no expression reads " + c
                            + ", so it is written as it was read");
                }
            }
            int[] typed = typedColumns(reader, readers.keySet(), wholeTable);
            String[] readerOf = new String[typed.length];
            ColumnType[] forced = new ColumnType[typed.length];
            for (int i = 0; i < typed.length; i++) {
                String name = columns.get(typed[i]);
                readerOf[i] = readers.get(name);
                forced[i] = readerOf[i] == null ? null : forcedTypes.get(name);
            }
            return new ColumnsRead(typed, readerOf, forced, List.copyOf(notes));
        }

        /**
         * Returns the types the expressions are to see, from the types {@code chosen} for the values: as chosen,
         * but text for the first number column the expressions use as text ({@link #needsText}), with the choices
         * that say so.
         */
        ColumnType[] finalTypes(List<Assignment> assignments, List<String> columns, ColumnType[] chosen) {
            ColumnType[] t = chosen.clone();
            int asText = assignments.isEmpty() ? -1 : needsText(assignments, columns, typed, readers, forced, chosen);
            if (asText >= 0) {
                t[asText] = ColumnType.STRING;
            }
            return t;
        }

        /** The types the expressions are compiled against, by column name. */
        Map<String, ColumnType> typesByName(List<String> columns, ColumnType[] t) {
            return types(columns, typed, readers, t);
        }
    }

    /** Takes a frame read from a Parquet file, compiling {@code assignments} (if any) against its columns' types. */
    static ApplyInput ofFrame(DataFrame df, List<Assignment> assignments) {
        TypedFrame table = TypedFrame.of(df, "the Parquet file's type");
        return new ApplyInput(null, table, List.of(), assignments, table.types(), null);
    }

    /**
     * Returns the typed column to read as text because an expression uses it as text ({@code Integer.parseInt(S)},
     * {@code S.length()}) though its values are numbers, or -1: where the expressions do not compile with the types
     * the values suggest, the first number or boolean column that makes them compile as text. The type the values
     * suggest is what an expression needs only if the expression can use it.
     */
    private static int needsText(List<Assignment> assignments, List<String> columns, int[] typed, String[] readers,
                                 ColumnType[] forced, ColumnType[] chosen) {
        try {
            ExpressionFunction.compile(assignments, types(columns, typed, readers, chosen));
            return -1;
        } catch (ExpressionException e) {
            for (int i = 0; i < typed.length; i++) {
                if (readers[i] == null || forced[i] != null || chosen[i] == ColumnType.STRING) {
                    continue;
                }
                ColumnType[] tried = chosen.clone();
                tried[i] = ColumnType.STRING;
                try {
                    ExpressionFunction.compile(assignments, types(columns, typed, readers, tried));
                    return i;
                } catch (ExpressionException again) {
                    // Not this column; the compile after typing reports the first error.
                }
            }
            return -1;
        }
    }

    private static int[] typedColumns(CsvReader reader, Iterable<String> read, boolean wholeTable) {
        if (wholeTable) {
            return IntStream.range(0, reader.columns().size()).toArray();
        }
        List<Integer> typed = new ArrayList<>();
        for (String c : read) {
            typed.add(reader.indexOf(c));
        }
        return typed.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The types the expressions are compiled against: the typed columns' own, text for the ones no expression reads. */
    private static Map<String, ColumnType> types(List<String> columns, int[] typed, String[] readers, ColumnType[] t) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String c : columns) {
            types.putIfAbsent(c, ColumnType.STRING);
        }
        for (int i = 0; i < typed.length; i++) {
            if (readers[i] != null) {
                types.put(columns.get(typed[i]), t[i]);
            }
        }
        return types;
    }

    private static CompletableFuture<ExpressionFunction> compileAsync(List<Assignment> assignments,
                                                                      Map<String, ColumnType> types) {
        return CompletableFuture.supplyAsync(() -> ExpressionFunction.compile(assignments, types), runnable -> {
            Thread t = new Thread(runnable, "chunkwise-compile");
            t.setDaemon(true);
            t.start();
        });
    }
}
