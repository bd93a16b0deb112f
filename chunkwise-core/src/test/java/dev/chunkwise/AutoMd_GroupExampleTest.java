package dev.chunkwise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles and runs the Java example of {@code docs/auto.md}'s section on groups, so that it stays true. */
class AutoMd_GroupExampleTest {

    @Test
    @Timeout(120)
    void groupExample_compilesAndRuns_andGivesWhatItsCommentsSay(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "auto.md"));
        int section = doc.indexOf("## Groups and hot keys");
        assertThat(section).as("docs/auto.md has the section on groups").isNotNegative();
        int start = doc.indexOf("```java\n", section);
        assertThat(start).as("the section has a java example").isNotNegative();
        String code = doc.substring(start + "```java\n".length(), doc.indexOf("```", start + 7));
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source = "package dev.chunkwise.docs;\n" + String.join("\n", imports) + "\n"
                + "import java.util.Arrays;\n"
                + "import java.util.List;\n"
                + "public class GroupExample {\n"
                + "    public static void main(String[] args) {\n"
                + body
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
        Path file = dir.resolve("GroupExample.java");
        Files.writeString(file, source);
        Path classes = Path.of("target", "test-classes");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-encoding", "UTF-8", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(compiled).as(errors + "\n" + source).isZero();
        Class.forName("dev.chunkwise.docs.GroupExample").getMethod("main", String[].class)
                .invoke(null, (Object) new String[0]);
    }
}
