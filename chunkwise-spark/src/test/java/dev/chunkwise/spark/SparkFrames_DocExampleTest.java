package dev.chunkwise.spark;

import dev.chunkwise.DocExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;


/**
 * Compiles and runs the Java example of docs/spark.md's section "A DFLib frame per Spark partition" on the shared
 * {@code local[2]} session, so that it stays true.
 */
class SparkFrames_DocExampleTest {

    @Test
    void docExample_compilesAndRuns_andWritesTheFunctionsResult(@TempDir Path dir) throws Exception {
        DocExample example = DocExample.in("../docs/spark.md", "## A DFLib frame per Spark partition");
        String source = "package dev.chunkwise.spark;\n" + example.importLines()
                + "import org.apache.spark.sql.SparkSession;\n"
                + "public class SparkFramesDocExample {\n"
                + "    public static void main(String[] args) {\n"
                + "        SparkSession spark = SharedSpark.session();\n"
                + "        String outputDir = args[0];\n"
                + example.body()
                + "        Dataset<Row> written = spark.read().parquet(outputDir);\n"
                + "        if (written.count() != 100_000 || written.where(\"K != A * 2\").count() != 0"
                + " || same.where(\"K = A * 2\").count() != 100_000) throw new AssertionError(\"the example's result\");\n"
                + "    }\n"
                + "}\n";
        DocExample.compileAndRun(dir, "dev.chunkwise.spark.SparkFramesDocExample", source, dir.resolve("out").toString());
    }
}
