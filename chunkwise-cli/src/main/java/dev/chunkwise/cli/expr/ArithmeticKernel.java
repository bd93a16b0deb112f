package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code --with} expression that is only arithmetic ({@code + - * / %}, unary minus, parentheses) on int, long and
 * double columns and number literals, evaluated a column at a time without generating code. Such expressions (the
 * common {@code K = A * 2}) then need no compiler: in a one-shot command, loading and running Janino on a cold JVM
 * takes longer than the work. The values are exactly those of the same expression compiled as Java (the same types,
 * promotions, overflow and {@code / by zero}); anything else is left to {@link ExpressionCompiler}.
 */
final class ArithmeticKernel implements ColumnKernel {

    private final Node root;
    private final List<String> used;

    private ArithmeticKernel(Node root, List<String> used) {
        this.root = root;
        this.used = used;
    }

    /**
     * Returns {@code a} compiled as arithmetic, or null when it is more than arithmetic on number columns and literals
     * (a block, a method call, a cast, a comparison, an unknown name...).
     */
    static ExpressionCompiler.Compiled tryCompile(Assignment a, Map<String, ColumnType> columns) {
        if (a.isBlock()) {
            return null;
        }
        List<String> tokens = tokens(a.source());
        if (tokens == null) {
            return null;
        }
        Parser p = new Parser(tokens, columns);
        Node root = p.expression();
        if (root == null || p.at != tokens.size()) {
            return null;
        }
        List<String> used = new ArrayList<>(p.used.keySet());
        return new ExpressionCompiler.Compiled(new ArithmeticKernel(root, used), root.type(), used);
    }

    @Override
    public Object compute(Object[] columns, int rows) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int c = 0; c < used.size(); c++) {
            byName.put(used.get(c), columns[c]);
        }
        try {
            return asArray(root.eval(byName, rows), root.type(), rows);
        } catch (ArithmeticException e) {
            throw failedRow(byName, rows, e);
        }
    }

    /**
     * Returns the failure of the first row on which the expression throws, evaluated a row at a time as the
     * compiled expression would be (the column at a time evaluation meets the divisions in another order), or
     * {@code e} if no row does.
     */
    private RuntimeException failedRow(Map<String, Object> columns, int rows, ArithmeticException e) {
        for (int r = 0; r < rows; r++) {
            try {
                root.evalRow(columns, r);
            } catch (ArithmeticException atRow) {
                return new ColumnKernel.RowFailure(r, atRow);
            }
        }
        return e;
    }

    /**
     * Splits {@code s} into names (a name in backticks marked by a leading backtick), numbers, operators and
     * parentheses; null if it holds anything else, or a reserved word.
     */
    private static List<String> tokens(String s) {
        List<JavaTokens.Token> tokens;
        try {
            tokens = JavaTokens.of(s);
        } catch (JavaTokens.UnclosedQuote e) {
            return null; // Java's compile gives the message
        }
        List<String> out = new ArrayList<>(tokens.size());
        for (JavaTokens.Token t : tokens) {
            switch (t.kind()) {
                case QUOTED -> out.add("`" + t.text());
                case IDENTIFIER -> {
                    if (ColumnNames.RESERVED.contains(t.text())) {
                        return null;
                    }
                    out.add(t.text());
                }
                case NUMBER -> out.add(t.text());
                case OPERATOR -> {
                    if (t.text().length() != 1 || "+-*/%()".indexOf(t.text().charAt(0)) < 0) {
                        return null; // -- and ++ are one token to Java (decrement, increment), not two signs
                    }
                    out.add(t.text());
                }
                default -> {
                    return null;
                }
            }
        }
        return out;
    }

    /** A recursive-descent parser of the arithmetic subset; each method returns null where the subset ends. */
    private static final class Parser {
        final List<String> tokens;
        final Map<String, ColumnType> columns;
        final Map<String, ColumnType> used = new LinkedHashMap<>();
        int at;

        Parser(List<String> tokens, Map<String, ColumnType> columns) {
            this.tokens = tokens;
            this.columns = columns;
        }

        Node expression() {
            Node left = term();
            while (left != null && (peek("+") || peek("-"))) {
                char op = tokens.get(at++).charAt(0);
                Node right = term();
                left = right == null ? null : Binary.of(op, left, right);
            }
            return left;
        }

        Node term() {
            Node left = unary();
            while (left != null && (peek("*") || peek("/") || peek("%"))) {
                char op = tokens.get(at++).charAt(0);
                Node right = unary();
                left = right == null ? null : Binary.of(op, left, right);
            }
            return left;
        }

        Node unary() {
            if (peek("-") || peek("+")) {
                boolean minus = tokens.get(at++).equals("-");
                if (minus && at < tokens.size() && isNumber(tokens.get(at))) {
                    return literal("-" + tokens.get(at++)); // -2147483648 is an int only as one literal
                }
                Node operand = unary();
                return operand == null ? null : minus ? new Negate(operand) : operand;
            }
            return primary();
        }

        Node primary() {
            if (at >= tokens.size()) {
                return null;
            }
            String t = tokens.get(at++);
            if (t.equals("(")) {
                Node inner = expression();
                return inner != null && peek(")") && tokens.get(at++) != null ? inner : null;
            }
            if (isNumber(t)) {
                return literal(t);
            }
            String name = t.startsWith("`") ? t.substring(1) : t;
            ColumnType type = columns.get(name);
            if (type != ColumnType.INT && type != ColumnType.LONG && type != ColumnType.DOUBLE) {
                return null; // an unknown name, a text or boolean column, a class name: Java decides
            }
            if (peek("(")) {
                return null;
            }
            used.putIfAbsent(name, type);
            return new Column(name, type);
        }

        boolean peek(String t) {
            return at < tokens.size() && tokens.get(at).equals(t);
        }

        static boolean isNumber(String t) {
            return !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.');
        }

        /** Parses a literal as Java does, or returns null for one it does not take plainly (hex, octal, float, _). */
        static Node literal(String t) {
            String body = t.startsWith("-") ? t.substring(1) : t;
            if (body.contains("_") || body.startsWith("0x") || body.startsWith("0X") || body.startsWith("0b")
                    || body.startsWith("0B") || body.endsWith("f") || body.endsWith("F")) {
                return null;
            }
            try {
                if (body.endsWith("L") || body.endsWith("l")) {
                    String digits = t.substring(0, t.length() - 1);
                    return octal(digits) ? null : new Literal(ColumnType.LONG, Long.parseLong(digits));
                }
                if (body.contains(".") || body.contains("e") || body.contains("E") || body.endsWith("d")
                        || body.endsWith("D")) {
                    double v = Double.parseDouble(t);
                    return Double.isInfinite(v) ? null : new Literal(ColumnType.DOUBLE, v);
                }
                return octal(t) ? null : new Literal(ColumnType.INT, Integer.parseInt(t));
            } catch (NumberFormatException e) {
                return null; // out of range, or not a number: Java says why
            }
        }

        static boolean octal(String digits) {
            String d = digits.startsWith("-") ? digits.substring(1) : digits;
            return d.length() > 1 && d.charAt(0) == '0';
        }
    }

    /** A node of the expression; evaluates to an array of its type over the rows, or to a boxed constant. */
    private interface Node {
        ColumnType type();

        Object eval(Map<String, Object> columns, int rows);

        /** Evaluates the node on row {@code r} alone, to a boxed value of its type. */
        Number evalRow(Map<String, Object> columns, int r);
    }

    private record Column(String name, ColumnType type) implements Node {
        @Override
        public Object eval(Map<String, Object> columns, int rows) {
            return columns.get(name);
        }

        @Override
        public Number evalRow(Map<String, Object> columns, int r) {
            Object v = columns.get(name);
            return v instanceof int[] a ? (Number) a[r] : v instanceof long[] a ? (Number) a[r] : (Number) ((double[]) v)[r];
        }
    }

    private record Literal(ColumnType type, Number value) implements Node {
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
    private record Negate(Node operand) implements Node {
        @Override
        public ColumnType type() {
            return operand.type();
        }

        @Override
        public Object eval(Map<String, Object> columns, int rows) {
            Object v = operand.eval(columns, rows);
            if (v instanceof Integer x) {
                return -x;
            } else if (v instanceof Long x) {
                return -x;
            } else if (v instanceof Double x) {
                return -x;
            } else if (v instanceof int[] a) {
                int[] r = new int[rows];
                for (int i = 0; i < rows; i++) {
                    r[i] = -a[i];
                }
                return r;
            } else if (v instanceof long[] a) {
                long[] r = new long[rows];
                for (int i = 0; i < rows; i++) {
                    r[i] = -a[i];
                }
                return r;
            }
            double[] a = (double[]) v;
            double[] r = new double[rows];
            for (int i = 0; i < rows; i++) {
                r[i] = -a[i];
            }
            return r;
        }

        @Override
        public Number evalRow(Map<String, Object> columns, int r) {
            Number v = operand.evalRow(columns, r);
            return v instanceof Integer x ? (Number) (-x) : v instanceof Long x ? (Number) (-x) : (Number) (-v.doubleValue());
        }
    }

    private record Binary(char op, Node left, Node right, ColumnType type) implements Node {
        static Binary of(char op, Node left, Node right) {
            ColumnType t = left.type() == ColumnType.DOUBLE || right.type() == ColumnType.DOUBLE ? ColumnType.DOUBLE
                    : left.type() == ColumnType.LONG || right.type() == ColumnType.LONG ? ColumnType.LONG
                    : ColumnType.INT;
            return new Binary(op, left, right, t);
        }

        @Override
        public Object eval(Map<String, Object> columns, int rows) {
            Object a = left.eval(columns, rows);
            Object b = right.eval(columns, rows);
            if (a instanceof Number x && b instanceof Number y) {
                return scalar(x, y);
            }
            return switch (type) {
                case INT -> ints((int[]) asArray(a, type, rows), (int[]) asArray(b, type, rows), rows);
                case LONG -> longs((long[]) asArray(a, type, rows), (long[]) asArray(b, type, rows), rows);
                default -> doubles((double[]) asArray(a, type, rows), (double[]) asArray(b, type, rows), rows);
            };
        }

        @Override
        public Number evalRow(Map<String, Object> columns, int r) {
            return scalar(left.evalRow(columns, r), right.evalRow(columns, r));
        }

        private Number scalar(Number x, Number y) {
            return switch (type) {
                case INT -> ints(new int[]{x.intValue()}, new int[]{y.intValue()}, 1)[0];
                case LONG -> longs(new long[]{x.longValue()}, new long[]{y.longValue()}, 1)[0];
                default -> doubles(new double[]{x.doubleValue()}, new double[]{y.doubleValue()}, 1)[0];
            };
        }

        private int[] ints(int[] a, int[] b, int n) {
            int[] r = new int[n];
            switch (op) {
                case '+' -> { for (int i = 0; i < n; i++) r[i] = a[i] + b[i]; }
                case '-' -> { for (int i = 0; i < n; i++) r[i] = a[i] - b[i]; }
                case '*' -> { for (int i = 0; i < n; i++) r[i] = a[i] * b[i]; }
                case '/' -> { for (int i = 0; i < n; i++) r[i] = a[i] / b[i]; }
                default -> { for (int i = 0; i < n; i++) r[i] = a[i] % b[i]; }
            }
            return r;
        }

        private long[] longs(long[] a, long[] b, int n) {
            long[] r = new long[n];
            switch (op) {
                case '+' -> { for (int i = 0; i < n; i++) r[i] = a[i] + b[i]; }
                case '-' -> { for (int i = 0; i < n; i++) r[i] = a[i] - b[i]; }
                case '*' -> { for (int i = 0; i < n; i++) r[i] = a[i] * b[i]; }
                case '/' -> { for (int i = 0; i < n; i++) r[i] = a[i] / b[i]; }
                default -> { for (int i = 0; i < n; i++) r[i] = a[i] % b[i]; }
            }
            return r;
        }

        private double[] doubles(double[] a, double[] b, int n) {
            double[] r = new double[n];
            switch (op) {
                case '+' -> { for (int i = 0; i < n; i++) r[i] = a[i] + b[i]; }
                case '-' -> { for (int i = 0; i < n; i++) r[i] = a[i] - b[i]; }
                case '*' -> { for (int i = 0; i < n; i++) r[i] = a[i] * b[i]; }
                case '/' -> { for (int i = 0; i < n; i++) r[i] = a[i] / b[i]; }
                default -> { for (int i = 0; i < n; i++) r[i] = a[i] % b[i]; }
            }
            return r;
        }
    }

    /** Returns {@code v} (an array of any number type, or a constant) as an array of {@code type} over the rows. */
    private static Object asArray(Object v, ColumnType type, int rows) {
        switch (type) {
            case INT -> {
                if (v instanceof int[] a) {
                    return a;
                }
                int[] r = new int[rows];
                Arrays.fill(r, ((Number) v).intValue());
                return r;
            }
            case LONG -> {
                if (v instanceof long[] a) {
                    return a;
                }
                long[] r = new long[rows];
                if (v instanceof int[] a) {
                    for (int i = 0; i < rows; i++) {
                        r[i] = a[i];
                    }
                } else {
                    Arrays.fill(r, ((Number) v).longValue());
                }
                return r;
            }
            default -> {
                if (v instanceof double[] a) {
                    return a;
                }
                double[] r = new double[rows];
                if (v instanceof int[] a) {
                    for (int i = 0; i < rows; i++) {
                        r[i] = a[i];
                    }
                } else if (v instanceof long[] a) {
                    for (int i = 0; i < rows; i++) {
                        r[i] = a[i];
                    }
                } else {
                    Arrays.fill(r, ((Number) v).doubleValue());
                }
                return r;
            }
        }
    }
}
