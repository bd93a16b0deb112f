package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.CsvFile;
import dev.chunkwise.cli.csv.CsvFormatException;
import dev.chunkwise.cli.csv.CsvReader;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.data.TypeChoice;
import dev.chunkwise.cli.data.TypedFrame;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The input of a {@code --group-by} run, read from a CSV file: the key columns as text (so that {@code 08123} and
 * {@code 8123} are two keys, and a key is written as it was read), unless {@code --type} says otherwise, and the columns
 * that aggregates and expressions read, typed as {@code --with} types them ({@link CsvFile#typedFrame}: a value that
 * does not fit is an error naming the file, line, column, value and the argument that reads it). The file itself is
 * kept, so that {@code --with}'s output can copy every row as it was.
 */
final class GroupInput {

    /** The file read. */
    final CsvFile csv;
    /** The key columns (under {@link #keys}' names), then the columns read, under their names. */
    final DataFrame frame;
    /**
     * The names of the key columns in {@link #frame}: a key's own name, or, for a key that an expression also reads
     * as its own type, another name, so that the frame has both.
     */
    final List<String> keys;
    /** The type of each column read by an argument, by name, and why; a key read as text by {@code --group-by}. */
    final Map<String, TypeChoice> choices;
    /** Plain-words notes for the user, such as a {@code --type} that has no effect. */
    final List<String> notes;

    private GroupInput(CsvFile csv, DataFrame frame, List<String> keys, Map<String, TypeChoice> choices,
                       List<String> notes) {
        this.csv = csv;
        this.frame = frame;
        this.keys = keys;
        this.choices = choices;
        this.notes = notes;
    }

    /**
     * Returns the header's names of the keys {@code --group-by} gives: each as given if the header has it, else
     * without the spaces around it if the header has that.
     *
     * @throws UsageException naming {@code --group-by} and the header's columns for a key the file does not have
     */
    static List<String> keyColumns(List<String> given, List<String> header) {
        List<String> keys = new ArrayList<>(given.size());
        for (String k : given) {
            String name = header.contains(k) ? k : header.contains(k.strip()) ? k.strip() : null;
            if (name == null) {
                throw new UsageException("--group-by " + k + ": the file has no column " + k + " (its columns are "
                        + String.join(", ", header) + ")");
            }
            if (keys.contains(name)) {
                throw new UsageException("--group-by: the key " + name + " is given twice");
            }
            keys.add(name);
        }
        return keys;
    }

    /**
     * Reads the body of {@code reader}'s file: the {@code keys} (header names) as text, and each column of
     * {@code readers} typed for the argument that reads it (such as {@code "--agg 'S = sum(B)'"}), or as
     * {@code forcedTypes} says.
     *
     * @param keyArgument {@code --group-by}'s argument, for messages
     * @throws UsageException for a {@code --type} of a column the file does not have
     * @throws CsvFormatException naming the file and line for a row that cannot be read or a value that cannot be its
     *                            column's type
     */
    static GroupInput read(CsvReader reader, String keyArgument, List<String> keys, Map<String, String> readers,
                           Map<String, ColumnType> forcedTypes, Executor executor, int partitions) {
        List<String> header = reader.columns();
        List<String> notes = typeNotes(header, keys, readers, forcedTypes);
        List<String> both = keys.stream().filter(readers::containsKey).toList();
        List<String> others = readers.keySet().stream().filter(c -> !keys.contains(c)).toList();
        List<String> first = new ArrayList<>(keys);
        first.addAll(others);
        String keyReader = "--group-by " + keyArgument;
        ColumnType[] forced = new ColumnType[first.size()];
        String[] readerOf = new String[first.size()];
        for (int i = 0; i < first.size(); i++) {
            String c = first.get(i);
            boolean key = i < keys.size();
            forced[i] = key ? forcedTypes.getOrDefault(c, ColumnType.STRING) : forcedTypes.get(c);
            readerOf[i] = key ? keyReader : readers.get(c);
        }
        CsvFile csv = reader.read(indexes(reader, first), executor, partitions);
        TypedFrame typed = csv.typedFrame(forced, readerOf, executor);

        Map<String, TypeChoice> choices = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        List<Series<?>> columns = new ArrayList<>();
        Set<String> taken = new HashSet<>(header);
        List<String> keyNames = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            String c = first.get(i);
            TypeChoice choice = typed.choices().get(i);
            String label = c;
            if (i < keys.size()) {
                if (!forcedTypes.containsKey(c)) {
                    choice = new TypeChoice(c, ColumnType.STRING, "a --group-by key, read as text");
                }
                if (both.contains(c)) {
                    while (taken.contains(label)) {
                        label = "group-by key " + label;
                    }
                    taken.add(label);
                } else {
                    choices.put(c, choice);
                }
                keyNames.add(label);
            } else {
                choices.put(c, choice);
            }
            labels.add(label);
            columns.add(typed.frame().getColumn(i));
        }
        if (!both.isEmpty()) {
            // A key an expression reads as its own type too: read again, typed for the expression.
            ColumnType[] forcedAgain = both.stream().map(forcedTypes::get).toArray(ColumnType[]::new);
            String[] readersAgain = both.stream().map(readers::get).toArray(String[]::new);
            TypedFrame again = reader.read(indexes(reader, both), executor, partitions)
                    .typedFrame(forcedAgain, readersAgain, executor);
            for (int i = 0; i < both.size(); i++) {
                labels.add(both.get(i));
                columns.add(again.frame().getColumn(i));
                choices.put(both.get(i), again.choices().get(i));
            }
        }
        DataFrame frame = DataFrame.byColumn(labels.toArray(String[]::new)).of(columns.toArray(Series<?>[]::new));
        return new GroupInput(csv, frame, List.copyOf(keyNames), choices, List.copyOf(notes));
    }

    /**
     * Checks each {@code --type} against the file's {@code header} and returns a note for each that has no effect: of
     * a column that is neither a key nor read by an argument.
     *
     * @throws UsageException for a {@code --type} of a column the file does not have
     */
    static List<String> typeNotes(List<String> header, List<String> keys, Map<String, String> readers,
                                  Map<String, ColumnType> forcedTypes) {
        List<String> notes = new ArrayList<>();
        for (String c : forcedTypes.keySet()) {
            if (!header.contains(c)) {
                throw new UsageException("--type " + c + "=…: the file has no column " + c + " (its columns are "
                        + String.join(", ", header) + ")");
            }
            if (!keys.contains(c) && !readers.containsKey(c)) {
                notes.add("--type " + c + " has no effect: " + c + " is neither a --group-by key nor read by an "
                        + "argument, so it is written as it was read");
            }
        }
        return notes;
    }

    private static int[] indexes(CsvReader reader, List<String> columns) {
        return columns.stream().mapToInt(reader::indexOf).toArray();
    }
}
