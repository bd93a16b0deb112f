package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.expr.JavaTokens.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The column references of a {@code --with} expression, and its source with each one renamed to a parameter of the
 * generated code ({@code $c0}, {@code $c1}...), so that any column name can be used and none can hide a name the
 * expression means otherwise.
 *
 * <p>A name in backticks is always a column. A bare name is a column only where Java would read it as a variable: not
 * a reserved word, not a member after {@code .}, not a method ({@code max(}), not a qualifier ({@code Math.sqrt}: only
 * a text column has members, and even then not one named like a {@code java.lang} class, such as {@code String}), not
 * a type ({@code String s}, {@code (Integer) x}, {@code new Foo}, {@code String[]}), and not a name the expression
 * declares anywhere (a local such as {@code int i} in a block, a catch or loop variable). Such a column is still
 * reachable in backticks.
 */
final class ColumnReferences {

    /** Words after which a name starts an expression, not a declaration. */
    private static final Set<String> BEFORE_EXPRESSION = Set.of("return", "throw", "case", "else", "do", "assert",
            "yield", "new", "instanceof", "break", "continue");
    /** Words followed by a parenthesised header, not a cast: {@code if (A) x = 1}. */
    private static final Set<String> HEADERS = Set.of("if", "while", "for", "switch", "synchronized", "catch", "try");
    private static final Set<String> PRIMITIVES = Set.of("int", "long", "double", "float", "boolean", "char", "byte",
            "short");

    private final String java;
    private final int[] origin;
    private final LinkedHashMap<String, ColumnType> used;
    private final List<String> parameters;
    private final Set<String> notTaken;

    private ColumnReferences(String java, int[] origin, LinkedHashMap<String, ColumnType> used, List<String> parameters,
                             Set<String> notTaken) {
        this.java = java;
        this.origin = origin;
        this.used = used;
        this.parameters = parameters;
        this.notTaken = notTaken;
    }

    /**
     * Finds the column references of {@code a} among {@code columns}.
     *
     * @throws ExpressionException quoting the expression with the position, for a backtick that is not closed or a
     *                             name in backticks that is not a column
     */
    static ColumnReferences of(Assignment a, Map<String, ColumnType> columns) {
        String source = a.source();
        List<Token> tokens;
        try {
            tokens = JavaTokens.of(source);
        } catch (JavaTokens.UnclosedQuote e) {
            throw new ExpressionException("--with '" + a.text() + "': at position " + (a.sourceOffset() + e.at + 1)
                    + ": the name in backticks is not closed (write a backtick inside a name as two: ``)");
        }
        Set<String> declared = declared(tokens);
        Set<String> notTaken = mentionedUnquoted(source, tokens, columns);
        String prefix = "$c";
        while (source.contains(prefix)) {
            prefix = "$" + prefix;
        }
        LinkedHashMap<String, ColumnType> used = new LinkedHashMap<>();
        Map<String, String> parameterOf = new LinkedHashMap<>();
        StringBuilder java = new StringBuilder(source.length() + 16);
        List<Integer> origin = new ArrayList<>(source.length() + 16);
        int copied = 0;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            String column = columnAt(a, tokens, k, columns, declared, notTaken);
            if (column == null) {
                continue;
            }
            used.putIfAbsent(column, columns.get(column));
            String parameter = parameterOf.get(column);
            if (parameter == null) {
                parameter = prefix + parameterOf.size();
                parameterOf.put(column, parameter);
            }
            for (int c = copied; c < t.start(); c++) {
                java.append(source.charAt(c));
                origin.add(c);
            }
            // Apart from a name or number written against it (`A`x), as the backticks kept it.
            boolean spaceBefore = java.length() > 0 && Character.isJavaIdentifierPart(java.charAt(java.length() - 1));
            boolean spaceAfter = t.end() < source.length() && Character.isJavaIdentifierPart(source.charAt(t.end()));
            String renamed = (spaceBefore ? " " : "") + parameter + (spaceAfter ? " " : "");
            java.append(renamed);
            for (int c = 0; c < renamed.length(); c++) {
                origin.add(t.start());
            }
            copied = t.end();
        }
        for (int c = copied; c < source.length(); c++) {
            java.append(source.charAt(c));
            origin.add(c);
        }
        origin.add(source.length());
        return new ColumnReferences(java.toString(), origin.stream().mapToInt(Integer::intValue).toArray(), used,
                List.copyOf(parameterOf.values()), notTaken);
    }

    /**
     * Returns the column that token {@code k} references, or null if it is not a column reference; notes in
     * {@code notTaken} a column's name that appears bare where it cannot be the column.
     *
     * @throws ExpressionException for a name in backticks that is not a column
     */
    private static String columnAt(Assignment a, List<Token> tokens, int k, Map<String, ColumnType> columns,
                                   Set<String> declared, Set<String> notTaken) {
        Token t = tokens.get(k);
        if (t.kind() == JavaTokens.Kind.QUOTED) {
            if (!columns.containsKey(t.text())) {
                throw new ExpressionException("--with '" + a.text() + "': at position " + (a.sourceOffset() + t.start() + 1)
                        + ": there is no column " + ColumnNames.written(t.text()) + " (the columns are "
                        + ColumnNames.list(columns.keySet()) + ")");
            }
            return t.text();
        }
        if (!t.isWord() || !columns.containsKey(t.text())) {
            return null;
        }
        if (!declared.contains(t.text()) && isColumn(tokens, k, columns.get(t.text()))) {
            return t.text();
        }
        if (ColumnNames.RESERVED.contains(t.text()) || declared.contains(t.text())) {
            notTaken.add(t.text());
        }
        return null;
    }

    /** Returns the source with each column reference renamed to its parameter. */
    String java() {
        return java;
    }

    /** Returns the columns referenced, with their types, in order of first reference: the parameters' order. */
    LinkedHashMap<String, ColumnType> used() {
        return used;
    }

    /** Returns the parameter names, in the order of {@link #used()}. */
    List<String> parameters() {
        return parameters;
    }

    /**
     * Returns the columns the source names bare where they cannot be columns (a reserved word, a name the expression
     * declares, or a name that is not a Java identifier): the message of a failed compile tells the user to write
     * them in backticks.
     */
    Set<String> notTaken() {
        return notTaken;
    }

    /** Returns the index in the source of the character at {@code index} in {@link #java()} (or just past its end). */
    int originOf(int index) {
        return origin[Math.max(0, Math.min(index, origin.length - 1))];
    }

    /** Returns the names that are not Java identifiers but appear in the source outside backticks and literals. */
    private static Set<String> mentionedUnquoted(String source, List<Token> tokens, Map<String, ColumnType> columns) {
        StringBuilder bare = new StringBuilder(source);
        for (Token t : tokens) {
            if (t.kind() == JavaTokens.Kind.QUOTED || t.kind() == JavaTokens.Kind.TEXT) {
                for (int c = t.start(); c < t.end(); c++) {
                    bare.setCharAt(c, ' ');
                }
            }
        }
        Set<String> found = new LinkedHashSet<>();
        for (String name : columns.keySet()) {
            if (!ColumnNames.isBare(name) && !ColumnNames.RESERVED.contains(name)
                    && name.codePoints().anyMatch(Character::isJavaIdentifierPart) && bare.indexOf(name) >= 0) {
                found.add(name);
            }
        }
        return found;
    }

    /** Returns whether the bare name at {@code k}, a column's name, is read there as that column. */
    private static boolean isColumn(List<Token> tokens, int k, ColumnType type) {
        Token t = tokens.get(k);
        Token prev = k > 0 ? tokens.get(k - 1) : null;
        Token next = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
        if (ColumnNames.RESERVED.contains(t.text())) {
            return false;
        }
        if (prev != null && (prev.is(".") || prev.is("::") || prev.is("@")
                || prev.isWord() && (prev.text().equals("new") || prev.text().equals("instanceof")
                || prev.text().equals("break") || prev.text().equals("continue")))) {
            return false; // a member, a method reference, an annotation, a type, a label
        }
        if (next == null) {
            return true;
        }
        if (next.is("(") || next.is("[") || next.is("::") || next.isWord() && !ColumnNames.RESERVED.contains(next.text())) {
            return false; // a method, an array type, a method reference's type, a declaration's type
        }
        if (next.is(".")) {
            return type == ColumnType.STRING && !isQualifier(t.text());
        }
        if (prev != null && prev.is("(") && next.is(")") && k + 2 < tokens.size() && startsCastOperand(tokens.get(k + 2))
                && !(k >= 2 && tokens.get(k - 2).isWord() && HEADERS.contains(tokens.get(k - 2).text()))) {
            return false; // (Integer) x: a cast; but not if (flag) x = 1
        }
        return true;
    }

    /** Returns whether {@code name} names a class that needs no import, or a package where qualified names start. */
    private static boolean isQualifier(String name) {
        if (name.equals("java") || name.equals("javax")) {
            return true;
        }
        try {
            Class.forName("java.lang." + name, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Returns whether {@code t} can follow {@code (Name)} in a cast; not {@code +} or {@code -}, after which Java reads
     * {@code (Name)} as a parenthesised value.
     */
    private static boolean startsCastOperand(Token t) {
        return switch (t.kind()) {
            case QUOTED, NUMBER, TEXT -> true;
            case IDENTIFIER -> !ColumnNames.RESERVED.contains(t.text()) || Set.of("new", "this", "super", "true",
                    "false", "null", "switch").contains(t.text());
            case OPERATOR -> t.is("(") || t.is("!") || t.is("~");
        };
    }

    /** Returns the names the tokens declare: locals, loop, catch and lambda variables, wherever they are. */
    private static Set<String> declared(List<Token> tokens) {
        Set<String> declared = new HashSet<>();
        int depth = 0;
        int declarationDepth = -1; // the nesting of the declaration whose declarators are being read, or -1
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
                if (depth < declarationDepth) {
                    declarationDepth = -1;
                }
            } else if (t.is(";") && depth == declarationDepth) {
                declarationDepth = -1;
            } else if (t.isWord() && !ColumnNames.RESERVED.contains(t.text())) {
                Token prev = k > 0 ? tokens.get(k - 1) : null;
                Token next = k + 1 < tokens.size() ? tokens.get(k + 1) : null;
                boolean declarator = next != null && (next.is("=") || next.is(";") || next.is(",") || next.is(":")
                        || next.is(")") || next.is("["));
                boolean afterType = prev != null && (prev.is("]") || prev.isWord() && (PRIMITIVES.contains(prev.text())
                        || !ColumnNames.RESERVED.contains(prev.text()) && !BEFORE_EXPRESSION.contains(prev.text())));
                if (declarator && afterType) {
                    declared.add(t.text());
                    declarationDepth = depth;
                } else if (declarator && prev != null && prev.is(",") && depth == declarationDepth) {
                    declared.add(t.text());
                } else if (next != null && next.is("->")) {
                    declared.add(t.text());
                }
            }
        }
        return declared;
    }
}
