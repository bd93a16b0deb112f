package dev.chunkwise.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles and runs the Java example of docs/spark.md's section "A DFLib frame per Spark partition" on the shared
 * {@code local[2]} session, so that it stays true.
 */
class SparkFrames_DocExampleTest {

    @Test
    void docExample_compilesAndRuns_andWritesTheFunctionsResult(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "spark.md"));
        int section = doc.indexOf("## A DFLib frame per Spark partition");
        assertThat(section).as("docs/spark.md has the section").isNotNegative();
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
        String source = "package dev.chunkwise.spark;\n" + String.join("\n", imports) + "\n"
                + "import org.apache.spark.sql.SparkSession;\n"
                + "public class SparkFramesDocExample {\n"
                + "    public static void main(String[] args) {\n"
                + "        SparkSession spark = SharedSpark.session();\n"
                + "        String outputDir = args[0];\n"
                + body
                + "        Dataset<Row> written = spark.read().parquet(outputDir);\n"
                + "        if (written.count() != 100_000 || written.where(\"K != A * 2\").count() != 0"
                + " || same.where(\"K = A * 2\").count() != 100_000) throw new AssertionError(\"the example's result\");\n"
                + "    }\n"
                + "}\n";
        Path file = dir.resolve("SparkFramesDocExample.java");
        Files.writeString(file, source);
        // Compiled among the test classes, where the embedded session's executor threads find it.
        Path classes = Path.of("target", "test-classes");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(compiled).as(errors + "\n" + source).isZero();
        Class.forName("dev.chunkwise.spark.SparkFramesDocExample").getMethod("main", String[].class)
                .invoke(null, (Object) new String[]{dir.resolve("out").toString()});
    }
}
