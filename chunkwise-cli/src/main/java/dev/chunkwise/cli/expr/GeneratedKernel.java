package dev.chunkwise.cli.expr;

import dev.chunkwise.cli.data.ColumnType;

/**
 * The Java source of the {@link ColumnKernel} that Janino compiles for one {@code --with} expression: a static method
 * that is the expression (its column references renamed to parameters), and a loop that calls it once per row over
 * the columns' primitive arrays, catching a row's exception with the row's index.
 *
 * @param code      the source
 * @param bodyStart where the user's (rewritten) source starts in it
 * @param bodyEnd   where the method holding it ends
 */
record GeneratedKernel(String code, int bodyStart, int bodyEnd) {

    /** The name of the class generated. */
    static final String CLASS_NAME = "dev.chunkwise.cli.expr.Generated";

    /**
     * Returns the source of the kernel that computes {@code a}, its column references renamed as {@code refs} says,
     * returning {@code resultType} (a Java type name, or {@code Object} to learn why no column type fits).
     */
    static GeneratedKernel of(Assignment a, ColumnReferences refs, String resultType) {
        StringBuilder params = new StringBuilder();
        StringBuilder unpack = new StringBuilder();
        StringBuilder call = new StringBuilder();
        int i = 0;
        for (ColumnType type : refs.used().values()) {
            String t = type.javaName();
            params.append(i > 0 ? ", " : "").append("final ").append(t).append(' ').append(refs.parameters().get(i));
            unpack.append("        final ").append(t).append("[] c").append(i).append(" = (").append(t).append("[]) columns[")
                    .append(i).append("];\n");
            call.append(i > 0 ? ", " : "").append('c').append(i).append("[i]");
            i++;
        }
        String outType = resultType.equals("Object") ? "Object" : resultType;
        String head = "package dev.chunkwise.cli.expr;\n"
                + "public final class Generated implements dev.chunkwise.cli.expr.ColumnKernel {\n"
                + "    private static " + outType + " f(" + params + ")\n"
                + (a.isBlock() ? "" : "{ return (");
        String body = head + refs.java() + (a.isBlock() ? "" : "\n); }");
        // The loop keeps its index where the handler outside it can read it: no per-row cost.
        String code = body + "\n"
                + "    public Object compute(Object[] columns, int rows) {\n"
                + unpack
                + "        final " + outType + "[] out = new " + outType + "[rows];\n"
                + "        int i = 0;\n"
                + "        try {\n"
                + "            for (; i < rows; i++) {\n"
                + "                out[i] = f(" + call + ");\n"
                + "            }\n"
                + "        } catch (RuntimeException e) {\n"
                + "            throw new dev.chunkwise.cli.expr.ColumnKernel.RowFailure(i, e);\n"
                + "        }\n"
                + "        return out;\n"
                + "    }\n"
                + "}\n";
        return new GeneratedKernel(code, head.length(), body.length());
    }
}
