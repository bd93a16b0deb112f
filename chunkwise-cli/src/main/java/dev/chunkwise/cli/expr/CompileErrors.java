package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.commons.compiler.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns Janino's error for a generated kernel into a message about the user's {@code --with} argument: the position
 * in the argument, the reason in the columns' names (not the generated parameters'), and what to write instead.
 */
final class CompileErrors {

    private static final Pattern LOCATION_PREFIX = Pattern.compile("^((File [^,]*, )?Line \\d+, Column \\d+: )+");

    private CompileErrors() {
    }

    /**
     * Returns the error to show for {@code a}, which does not compile: Janino's reason, at the position in the
     * argument where the error lies if it lies in the user's source, with the columns listed for an unknown name and
     * a hint to write a column in backticks where a bare name could not be it.
     */
    static ExpressionException explain(Assignment a, CompileException e, Map<String, ColumnType> columns,
                                       ColumnReferences refs, GeneratedKernel generated) {
        String why = message(e, refs);
        StringBuilder msg = new StringBuilder("--with '").append(a.text()).append("': ");
        Location loc = e.getLocation();
        int at = loc == null ? -1 : indexOf(generated.code(), loc.getLineNumber(), loc.getColumnNumber());
        if (at >= generated.bodyStart() && at < generated.bodyEnd()) {
            int position = a.sourceOffset() + refs.originOf(at - generated.bodyStart()) + 1;
            msg.append("at position ").append(position).append(": ");
        }
        msg.append(why);
        if (why.contains("Unknown variable") || why.contains("cannot be resolved") || why.contains("is not an rvalue")) {
            msg.append(" (the columns are ").append(ColumnNames.list(columns.keySet()));
            if (!columns.keySet().stream().allMatch(ColumnNames::isBare)) {
                msg.append("; write a name that is not a Java identifier in backticks");
            }
            msg.append(')');
        }
        for (String name : refs.notTaken()) {
            if (ColumnNames.isBare(name) && !why.contains("\"" + name + "\"")) {
                continue; // a local of the block that shadows a column, which the error is not about
            }
            msg.append("; to mean the column ").append(name).append(", write `").append(name.replace("`", "``"))
                    .append('`');
        }
        return new ExpressionException(msg.toString());
    }

    /**
     * Returns the index in {@code code} of Janino's 1-based line and column, or -1. Janino counts a tab as moving to
     * the next multiple of 8 columns.
     */
    static int indexOf(String code, int line, int column) {
        int at = 0;
        for (int l = 1; l < line; l++) {
            int nl = code.indexOf('\n', at);
            if (nl < 0) {
                return -1;
            }
            at = nl + 1;
        }
        int col = 1;
        while (at < code.length() && code.charAt(at) != '\n' && col < column) {
            col = code.charAt(at) == '\t' ? col - (col - 1) % 8 + 8 : col + 1;
            at++;
        }
        return at;
    }

    /** Returns Janino's message without its location, with the generated parameter names put back as the columns'. */
    static String message(CompileException e, ColumnReferences refs) {
        if (e == null) {
            return "";
        }
        String m = LOCATION_PREFIX.matcher(e.getMessage()).replaceFirst("");
        List<String> parameters = refs.parameters();
        List<String> names = new ArrayList<>(refs.used().keySet());
        for (int p = parameters.size() - 1; p >= 0; p--) { // $c10 before $c1
            m = m.replace(parameters.get(p), ColumnNames.written(names.get(p)));
        }
        return m;
    }
}
