package dev.chunkwise.cli.data;

import org.dflib.DataFrame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table read from a file, with the type each of its columns was given and why: what a reader (CSV or Parquet) hands
 * to the expressions, and what {@code --explain} prints.
 *
 * @param frame   the columns, named as in the file
 * @param choices the type of each column of {@code frame}, in its order, and why
 */
public record TypedFrame(DataFrame frame, List<TypeChoice> choices) {

    /**
     * @throws IllegalArgumentException if {@code choices} does not name the frame's columns, in order (it may be empty
     *                                  for a frame whose one column only carries the row count)
     */
    public TypedFrame {
        choices = List.copyOf(choices);
        List<String> labels = List.of(frame.getColumnsIndex().toArray());
        List<String> named = choices.stream().map(TypeChoice::column).toList();
        if (!named.equals(labels) && !choices.isEmpty()) {
            throw new IllegalArgumentException("choices: " + named + " (expected: the frame's columns, " + labels + ")");
        }
    }

    /**
     * Types every column of {@code frame} as an expression sees it ({@link ColumnType#of}), each for {@code reason},
     * such as {@code "the Parquet file's type"}.
     */
    public static TypedFrame of(DataFrame frame, String reason) {
        List<TypeChoice> choices = new ArrayList<>();
        for (int c = 0; c < frame.width(); c++) {
            choices.add(new TypeChoice(frame.getColumnsIndex().get(c), ColumnType.of(frame.getColumn(c)), reason));
        }
        return new TypedFrame(frame, choices);
    }

    /** Returns the type of each column, by name, in the frame's order. */
    public Map<String, ColumnType> types() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (TypeChoice c : choices) {
            types.put(c.column(), c.type());
        }
        return types;
    }

    /** Returns this table with the choice of the {@code i}-th column replaced by {@code choice} (its values unchanged). */
    public TypedFrame withChoice(int i, TypeChoice choice) {
        List<TypeChoice> changed = new ArrayList<>(choices);
        changed.set(i, choice);
        return new TypedFrame(frame, changed);
    }
}
