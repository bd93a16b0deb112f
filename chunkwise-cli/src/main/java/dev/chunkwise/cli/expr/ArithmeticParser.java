package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.expr.ArithmeticNode.Binary;
import dev.chunkwise.cli.expr.ArithmeticNode.Column;
import dev.chunkwise.cli.expr.ArithmeticNode.Literal;
import dev.chunkwise.cli.expr.ArithmeticNode.Negate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser of the arithmetic subset that {@link ArithmeticKernel} evaluates: {@code + - * / %},
 * unary minus and parentheses over number columns and literals, with Java's precedence. Each method returns null
 * where the subset ends (a method call, a text column, an unknown name, a literal Java reads otherwise), leaving the
 * expression to Java.
 */
final class ArithmeticParser {

    private final List<String> tokens;
    private final Map<String, ColumnType> columns;
    private final Map<String, ColumnType> used = new LinkedHashMap<>();
    private int at;

    private ArithmeticParser(List<String> tokens, Map<String, ColumnType> columns) {
        this.tokens = tokens;
        this.columns = columns;
    }

    /**
     * An expression of the subset, parsed.
     *
     * @param root the expression's tree
     * @param used the columns it reads, in order of first use
     */
    record Parsed(ArithmeticNode root, List<String> used) {
    }

    /**
     * Parses {@code source} against {@code columns}, or returns null if it is more than arithmetic on number columns
     * and literals.
     */
    static Parsed parse(String source, Map<String, ColumnType> columns) {
        List<String> tokens = tokens(source);
        if (tokens == null) {
            return null;
        }
        ArithmeticParser p = new ArithmeticParser(tokens, columns);
        ArithmeticNode root = p.expression();
        if (root == null || p.at != tokens.size()) {
            return null;
        }
        return new Parsed(root, List.copyOf(p.used.keySet()));
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


    private ArithmeticNode expression() {
        ArithmeticNode left = term();
        while (left != null && (peek("+") || peek("-"))) {
            char op = tokens.get(at++).charAt(0);
            ArithmeticNode right = term();
            left = right == null ? null : Binary.of(op, left, right);
        }
        return left;
    }

    private ArithmeticNode term() {
        ArithmeticNode left = unary();
        while (left != null && (peek("*") || peek("/") || peek("%"))) {
            char op = tokens.get(at++).charAt(0);
            ArithmeticNode right = unary();
            left = right == null ? null : Binary.of(op, left, right);
        }
        return left;
    }

    private ArithmeticNode unary() {
        if (peek("-") || peek("+")) {
            boolean minus = tokens.get(at++).equals("-");
            if (minus && at < tokens.size() && isNumber(tokens.get(at))) {
                return literal("-" + tokens.get(at++)); // -2147483648 is an int only as one literal
            }
            ArithmeticNode operand = unary();
            return operand == null ? null : minus ? new Negate(operand) : operand;
        }
        return primary();
    }

    private ArithmeticNode primary() {
        if (at >= tokens.size()) {
            return null;
        }
        String t = tokens.get(at++);
        if (t.equals("(")) {
            ArithmeticNode inner = expression();
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

    private boolean peek(String t) {
        return at < tokens.size() && tokens.get(at).equals(t);
    }

    private static boolean isNumber(String t) {
        return !t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.');
    }

    /** Parses a literal as Java does, or returns null for one it does not take plainly (hex, octal, float, _). */
    private static ArithmeticNode literal(String t) {
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

    private static boolean octal(String digits) {
        String d = digits.startsWith("-") ? digits.substring(1) : digits;
        return d.length() > 1 && d.charAt(0) == '0';
    }
}
