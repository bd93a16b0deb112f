package dev.chunkwise.cli.data;

/**
 * The type a column was read as, and why, in words for {@code --explain}.
 *
 * @param column the column's name
 * @param type   the type its values were read as
 * @param reason why, such as {@code "all 1,000 values are integers"}
 */
public record TypeChoice(String column, ColumnType type, String reason) {

    @Override
    public String toString() {
        return column + ": " + type.javaName() + " (" + reason + ")";
    }
}
