package dev.chunkwise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;


/** Compiles and runs the Java example of {@code docs/auto.md}'s section on groups, so that it stays true. */
class AutoMd_GroupExampleTest {

    @Test
    @Timeout(120)
    void groupExample_compilesAndRuns_andGivesWhatItsCommentsSay(@TempDir Path dir) throws Exception {
        DocExample example = DocExample.in("../docs/auto.md", "## Groups and hot keys");
        String source = "package dev.chunkwise.docs;\n" + example.importLines()
                + "import java.util.Arrays;\n"
                + "import java.util.List;\n"
                + "public class GroupExample {\n"
                + "    public static void main(String[] args) {\n"
                + example.body()
                + "        check(perCustomer.getColumn(\"customer\").toList(), Arrays.asList(\"ann\", \"bob\","
                + " null, \"cy\"));\n"
                + "        check(perCustomer.getColumn(\"orders\").toList(), List.of(4, 1, 1, 1));\n"
                + "        check(perCustomer.getColumn(\"total\").toList(), List.of(160.0, 20.0, 40.0, 60.0));\n"
                + "        check(perCustomer.getColumn(\"mean(amount)\").toList(), List.of(40.0, 20.0, 40.0, 60.0));\n"
                + "        check(shares.getColumn(\"share\").toList(), List.of(0.0625, 0.1875, 0.3125, 0.4375, 1.0, 1.0,"
                + " 1.0));\n"
                + "        check(plan.toString().contains(\"hot key: group customer=ann holds 57 % of the rows: at most"
                + " 1.8× on 2 workers for apply; too small for agg to split\"), true);\n"
                + "    }\n"
                + "    static void check(Object actual, Object expected) {\n"
                + "        if (!actual.equals(expected)) throw new AssertionError(actual + \" (expected: \" + expected"
                + " + \")\");\n"
                + "    }\n"
                + "}\n";
        DocExample.compileAndRun(dir, "dev.chunkwise.docs.GroupExample", source);
    }
}
