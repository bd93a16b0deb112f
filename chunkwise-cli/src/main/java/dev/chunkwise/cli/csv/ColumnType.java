package dev.chunkwise.cli.csv;

/**
 * The type of a CSV column, from narrowest to widest among the numbers: a value that does not fit widens the column
 * ({@code INT → LONG → DOUBLE → STRING}; a boolean column that meets anything else becomes {@code STRING}).
 */
public enum ColumnType {
    INT, LONG, DOUBLE, BOOLEAN, STRING;

    /** Returns the narrowest type that holds values of both {@code this} and {@code other}. */
    ColumnType widen(ColumnType other) {
        if (this == other) {
            return this;
        }
        if (this == BOOLEAN || other == BOOLEAN || this == STRING || other == STRING) {
            return STRING;
        }
        return ordinal() > other.ordinal() ? this : other;
    }

    /** Returns the Java type name used in expressions. */
    public String javaName() {
        return switch (this) {
            case INT -> "int";
            case LONG -> "long";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case STRING -> "String";
        };
    }
}
