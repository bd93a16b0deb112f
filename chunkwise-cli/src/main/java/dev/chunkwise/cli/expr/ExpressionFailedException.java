package dev.chunkwise.cli.expr;

import java.lang.reflect.Array;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Thrown when a {@code --with} expression threw while it computed a row: names the expression, the row (its index in
 * the frame the expression was given, which is one partition of the input) and the values the expression read on
 * it, with the expression's own exception as the cause. It crosses from worker processes and Spark executors whole.
 */
public final class ExpressionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A value longer than this is cut, and ends with {@code …}. */
    static final int MAX_VALUE_LENGTH = 40;

    private final String expression;
    private final int row;
    private final LinkedHashMap<String, String> inputs;

    private ExpressionFailedException(String expression, int row, LinkedHashMap<String, String> inputs, Throwable cause) {
        super(describe(expression, "on row " + row + " of its partition (counting from 0)", inputs, cause), cause);
        this.expression = expression;
        this.row = row;
        this.inputs = inputs;
    }

    /**
     * Returns the failure of {@code a} on {@code row} of the frame it was given.
     *
     * @param names   the columns the expression read
     * @param columns their values, an array each, in the order of {@code names}
     */
    static ExpressionFailedException of(Assignment a, int row, List<String> names, Object[] columns, Throwable cause) {
        LinkedHashMap<String, String> inputs = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            inputs.put(names.get(c), shortValue(Array.get(columns[c], row)));
        }
        return new ExpressionFailedException(a.text(), row, inputs, cause);
    }

    /** Returns the {@code --with} argument, as given. */
    public String expression() {
        return expression;
    }

    /** Returns the index of the row, in the frame the expression was given, on which it threw. */
    public int row() {
        return row;
    }

    /** Returns each column the expression read, with its value on that row as a short text (text values quoted). */
    public Map<String, String> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    /**
     * Returns the message with the row named by {@code where}, such as {@code "on data row 7"}: {@code --with 'K = A
     * / B' failed on data row 7 (A=1, B=0): java.lang.ArithmeticException: / by zero}.
     */
    public String describe(String where) {
        return describe(expression, where, inputs, getCause());
    }

    private static String describe(String expression, String where, Map<String, String> inputs, Throwable cause) {
        StringBuilder s = new StringBuilder("--with '").append(expression).append("' failed ").append(where);
        if (!inputs.isEmpty()) {
            StringJoiner values = new StringJoiner(", ", " (", ")");
            inputs.forEach((name, value) -> values.add(ColumnNames.written(name) + "=" + value));
            s.append(values);
        }
        String why = cause == null ? "(no exception was given)" : cause.toString();
        return s.append(": ").append(why == null || why.isBlank() ? cause.getClass().getName() : why).toString();
    }

    /** Returns {@code v} as a short text: text quoted, cut to {@value #MAX_VALUE_LENGTH} characters with {@code …}. */
    static String shortValue(Object v) {
        String s = v instanceof String text
                ? '"' + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'
                : String.valueOf(v);
        if (s.length() <= MAX_VALUE_LENGTH) {
            return s;
        }
        int cut = MAX_VALUE_LENGTH - 1;
        return s.substring(0, Character.isHighSurrogate(s.charAt(cut - 1)) ? cut - 1 : cut) + "…";
    }
}
