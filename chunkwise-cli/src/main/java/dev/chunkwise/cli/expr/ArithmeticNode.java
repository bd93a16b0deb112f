package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;

import java.lang.reflect.Array;
import java.util.Map;

/**
 * A node of an expression that {@link ArithmeticParser} parsed: a number column, a literal, a unary minus or a binary
 * operator. Evaluated a column at a time to an array of its type over the rows (or to a boxed constant where no
 * column is involved), or a row at a time to find the row on which it throws.
 */
sealed interface ArithmeticNode {

    /** Returns the type of the node's value, as Java types the same expression. */
    ColumnType type();

    /**
     * Evaluates the node over {@code rows} rows.
     *
     * @param columns each used column's values, an array of its type, by name
     */
    Object eval(Map<String, Object> columns, int rows);

    /** Evaluates the node on row {@code r} alone, to a boxed value of its type. */
    Number evalRow(Map<String, Object> columns, int r);

    /** A number column of the input. */
    record Column(String name, ColumnType type) implements ArithmeticNode {
        @Override
        public Object eval(Map<String, Object> columns, int rows) {
            return columns.get(name);
        }

        @Override
        public Number evalRow(Map<String, Object> columns, int r) {
            return (Number) Array.get(columns.get(name), r);
        }
    }

    /** A number literal, parsed as Java parses it. */
    record Literal(ColumnType type, Number value) implements ArithmeticNode {
        @Override
        public Object eval(Map<String, Object> columns, int rows) {
            return value;
        }

        @Override
        public Number evalRow(Map<String, Object> columns, int r) {
            return value;
        }
    }

    /** Unary minus: not {@code 0 - x}, which differs for {@code 0.0} ({@code -0.0} against {@code 0.0}). */
    record Negate(ArithmeticNode operand) implements ArithmeticNode {
        @Override
        public ColumnType type() {
            return operand.type();
        }

        @Override
        public Object eval(Map<String, Object> columns, int rows) {
            return Arithmetic.of(type()).negate(operand.eval(columns, rows), rows);
        }

        @Override
        public Number evalRow(Map<String, Object> columns, int r) {
            return (Number) Arithmetic.of(type()).negate(operand.evalRow(columns, r), 1);
        }
    }

    /** A binary operator ({@code + - * / %}), computed in the promoted type of its operands. */
    record Binary(char op, ArithmeticNode left, ArithmeticNode right, Arithmetic arithmetic) implements ArithmeticNode {

        static Binary of(char op, ArithmeticNode left, ArithmeticNode right) {
            return new Binary(op, left, right,
                    Arithmetic.promoted(Arithmetic.of(left.type()), Arithmetic.of(right.type())));
        }

        @Override
        public ColumnType type() {
            return arithmetic.type();
        }

        @Override
        public Object eval(Map<String, Object> columns, int rows) {
            Object a = left.eval(columns, rows);
            Object b = right.eval(columns, rows);
            if (a instanceof Number x && b instanceof Number y) {
                return arithmetic.apply(op, x, y);
            }
            return arithmetic.apply(op, a, b, rows);
        }

        @Override
        public Number evalRow(Map<String, Object> columns, int r) {
            return arithmetic.apply(op, left.evalRow(columns, r), right.evalRow(columns, r));
        }
    }
}
