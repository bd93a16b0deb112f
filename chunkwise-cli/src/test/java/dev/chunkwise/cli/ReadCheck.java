package dev.chunkwise.cli;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the output of {@code apply --with 'K = COL op N'} (op one of + - * /) or {@code --with 'K = !COL'} against
 * the input: the header is the input's bytes and {@code ,K}; each row keeps every column the expression does not
 * read byte for byte, keeps the value of the column it reads, and has K as Java computes it with the column read
 * as the expected type; the line end is the header's, the BOM stays, blank lines go.
 */
final class ReadCheck {

    private static final Pattern ARITHMETIC = Pattern.compile("K = (\\w+) ([-+*/]) (\\d+)");
    private static final Pattern NEGATION = Pattern.compile("K = !(\\w+)");

    private final String with;
    private final String column;
    private final String type;
    private final char op;
    private final int operand;

    /**
     * @param with the {@code --with} argument, of one of the two forms above
     * @param read the column it reads and the type it must be read as
     */
    ReadCheck(String with, CorpusExpectation.Read read) {
        this.with = with;
        this.type = read.type();
        Matcher a = ARITHMETIC.matcher(with);
        Matcher b = NEGATION.matcher(with);
        if (a.matches()) {
            column = a.group(1);
            op = a.group(2).charAt(0);
            operand = Integer.parseInt(a.group(3));
        } else if (b.matches()) {
            column = b.group(1);
            op = '!';
            operand = 0;
        } else {
            throw new IllegalArgumentException("--with '" + with + "': the check knows 'K = COL op N' and 'K = !COL'");
        }
        if (!column.equals(read.column())) {
            throw new IllegalArgumentException("--with '" + with + "' reads " + column + ", the table says " + read.column());
        }
    }

    /** Returns what is wrong with {@code outputBytes} as the output for {@code input}; empty when it is right. */
    List<String> problems(CsvOracle.Table input, byte[] outputBytes, Charset charset) {
        List<String> problems = new ArrayList<>();
        CsvOracle.Table output;
        try {
            output = CsvOracle.read(outputBytes);
        } catch (CsvOracle.Malformed e) {
            return List.of("the output is not valid CSV: " + e.getMessage());
        }
        if (output.bom() != input.bom()) {
            problems.add("the output " + (input.bom() ? "lost" : "gained") + " the byte-order mark");
        }
        checkLayout(output, input.terminator(), problems);
        if (output.records().size() != input.records().size()) {
            problems.add("the output has " + output.records().size() + " records (header included), the input "
                    + input.records().size());
            return problems;
        }
        byte[] header = concat(input.raw(input.header()), ",K".getBytes(charset));
        if (!Arrays.equals(output.raw(output.header()), header)) {
            problems.add("header: " + ByteDiff.firstDifference(header, output.raw(output.header())));
        }
        int c = input.column(column, charset);
        int width = input.header().fields().size();
        for (int r = 0; r < input.rows().size() && problems.size() < 10; r++) {
            CsvOracle.Record in = input.rows().get(r);
            CsvOracle.Record out = output.rows().get(r);
            String where = "row at input line " + in.line() + ": ";
            if (out.fields().size() != width + 1) {
                problems.add(where + out.fields().size() + " fields, expected " + (width + 1));
                continue;
            }
            for (int f = 0; f < width; f++) {
                byte[] was = input.raw(in.fields().get(f));
                byte[] now = output.raw(out.fields().get(f));
                if (f != c && !Arrays.equals(was, now)) {
                    problems.add(where + "column " + (f + 1) + " (not read) changed: " + ByteDiff.firstDifference(was, now));
                }
            }
            String value = input.value(in.fields().get(c), charset);
            String kept = output.value(out.fields().get(c), charset);
            if (!kept.equals(value) && !same(value, kept)) {
                problems.add(where + "column " + column + " was \"" + value + "\", is now \"" + kept + "\"");
            }
            String k = output.value(out.fields().get(width), charset);
            String expected = expectedK(value);
            if (!matches(expected, k)) {
                problems.add(where + "K is \"" + k + "\", expected " + expected + " (" + with + " with " + column
                        + " = \"" + value + "\" read as " + type + ")");
            }
        }
        return problems;
    }

    /** Returns K as Java computes it from {@code value} read as the expected type; "" for a missing number. */
    String expectedK(String value) {
        switch (type) {
            case "int" -> {
                int v = Integer.parseInt(value);
                return Integer.toString(switch (op) {
                    case '+' -> v + operand;
                    case '-' -> v - operand;
                    case '*' -> v * operand;
                    default -> v / operand;
                });
            }
            case "long" -> {
                long v = Long.parseLong(value);
                return Long.toString(switch (op) {
                    case '+' -> v + operand;
                    case '-' -> v - operand;
                    case '*' -> v * operand;
                    default -> v / operand;
                });
            }
            case "double" -> {
                if (value.isEmpty()) {
                    return "";
                }
                double v = Double.parseDouble(value);
                double k = switch (op) {
                    case '+' -> v + operand;
                    case '-' -> v - operand;
                    case '*' -> v * operand;
                    default -> v / operand;
                };
                return Double.isNaN(k) ? "" : Double.toString(k); // a NaN is written as an empty field, as pandas does
            }
            case "boolean" -> {
                return Boolean.toString(!parseBoolean(value));
            }
            case "text" -> {
                if (op != '+') {
                    throw new IllegalArgumentException("text supports only + (string concatenation)");
                }
                return value + operand;
            }
            default -> throw new IllegalArgumentException("unknown type " + type);
        }
    }

    /** Whether K as written means the expected value: the same double for a double, else the same text. */
    private boolean matches(String expected, String k) {
        if (type.equals("double") && !expected.isEmpty()) {
            try {
                return Double.compare(Double.parseDouble(k), Double.parseDouble(expected)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return expected.equals(k);
    }

    /** Whether the read column, written again, holds the same value (08123 and 8123 are the same int). */
    private boolean same(String value, String kept) {
        try {
            return switch (type) {
                case "int", "long" -> Long.parseLong(value) == Long.parseLong(kept);
                case "double" -> !value.isEmpty() && Double.compare(Double.parseDouble(value), Double.parseDouble(kept)) == 0;
                case "boolean" -> parseBoolean(value) == parseBoolean(kept);
                default -> false;
            };
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + s);
        };
    }

    /** Checks that the records follow the BOM directly and each is ended by {@code terminator}, nothing between. */
    private static void checkLayout(CsvOracle.Table output, byte[] terminator, List<String> problems) {
        byte[] data = output.data();
        int expectedStart = output.bom() ? CsvOracle.UTF8_BOM.length : 0;
        for (CsvOracle.Record r : output.records()) {
            if (r.start() != expectedStart) {
                problems.add("output line " + r.line() + ": unexpected bytes before it: "
                        + ByteDiff.escape(data, expectedStart, r.start()));
                return;
            }
            if (!Arrays.equals(data, r.end(), Math.min(data.length, r.end() + terminator.length), terminator, 0, terminator.length)) {
                problems.add("output line " + r.line() + ": not ended by " + ByteDiff.escape(terminator, 0, terminator.length)
                        + " (the input header's line end): " + ByteDiff.escape(data, r.end(), Math.min(data.length, r.end() + 2)));
                return;
            }
            expectedStart = r.end() + terminator.length;
        }
        if (expectedStart != data.length) {
            problems.add("unexpected bytes after the last record: " + ByteDiff.escape(data, expectedStart, data.length));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
