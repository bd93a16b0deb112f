package dev.chunkwise.cli.expr;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a column's name is written in a {@code --with} expression: bare where it is a Java identifier that is not a
 * reserved word ({@code A}, {@code 名前}), else in backticks with any backtick in it doubled ({@code `unit price`},
 * {@code `class`}, {@code `it``s`}).
 */
final class ColumnNames {

    /** Java's reserved words and literals, and {@code _}: none of them can be a bare name. */
    static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "_");

    private ColumnNames() {
    }

    /** Returns whether {@code name} can be written bare: a Java identifier and not a reserved word. */
    static boolean isBare(String name) {
        if (name.isEmpty() || RESERVED.contains(name) || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart);
    }

    /** Returns {@code name} as an expression writes it: bare if it can be, else in backticks. */
    static String written(String name) {
        return isBare(name) ? name : "`" + name.replace("`", "``") + "`";
    }

    /** Returns the names as an expression writes them, joined by commas, for messages. */
    static String list(Collection<String> names) {
        return names.stream().map(ColumnNames::written).collect(Collectors.joining(", "));
    }
}
