package dev.chunkwise.cli.csv;

import dev.chunkwise.cli.data.ColumnType;

/**
 * One field of a typed column as the reader classified it, kept so that it can be given any type later: what a
 * streamed {@code --group-by} keeps of a group's first and last value (and of its key) while the type of the column is
 * not yet known, as that type is chosen from the values of the whole file.
 *
 * @param kind the kind of value the text is (empty, an int, a long, another number, true/false, text)
 * @param bits the number it holds (a double's bits for a decimal number), or 0
 * @param text the field's text, unquoted, or null where it was not decoded (a number read as a number)
 */
public record FieldValue(byte kind, long bits, String text) {

    /** Returns whether the field can be read as {@code type} by a column an expression reads. */
    public boolean fits(ColumnType type) {
        return switch (type) {
            case INT -> kind == ColumnValues.INT;
            case LONG -> kind == ColumnValues.INT || kind == ColumnValues.LONG;
            case DOUBLE -> kind != ColumnValues.BOOLEAN && kind != ColumnValues.TEXT;
            case BOOLEAN -> kind == ColumnValues.BOOLEAN;
            case STRING -> true;
        };
    }

    /**
     * Returns the value as a column of {@code type} holds it, as {@link CsvFile#typedFrame} converts it: an empty
     * field is NaN as a double and the empty string as text. The field must {@link #fits fit} the type.
     */
    public Object as(ColumnType type) {
        return switch (type) {
            case INT -> (int) bits;
            case LONG -> bits;
            case DOUBLE -> kind == ColumnValues.DOUBLE ? Double.longBitsToDouble(bits)
                    : kind == ColumnValues.EMPTY ? Double.NaN : (double) bits;
            case BOOLEAN -> bits != 0;
            case STRING -> kind == ColumnValues.EMPTY ? "" : text;
        };
    }
}
