package dev.chunkwise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;


/** Compiles and runs the Java example at the top of the README, so that it stays true. */
class ReadmeExampleTest {

    @Test
    @Timeout(120)
    void readmeExample_compilesAndRuns(@TempDir Path dir) throws Exception {
        DocExample example = DocExample.in("../README.md", null);
        String source = "package dev.chunkwise.readme;\n" + example.importLines()
                + "import java.util.List;\n"
                + "import org.dflib.DataFrame;\n"
                + "import dev.chunkwise.frame.Frames;\n"
                + "import dev.chunkwise.frame.PartitionFunction;\n"
                + "import dev.chunkwise.plan.Plan;\n"
                + "public class ReadmeExample {\n"
                + "    public static void main(String[] args) {\n"
                + "        DataFrame df = Frames.randomInts(1000, 0, 100, 1, \"A\", \"B\");\n"
                + example.body()
                + "        if (withK.height() != df.height() || plan.chosen() == null) throw new AssertionError();\n"
                + "    }\n"
                + "}\n";
        DocExample.compileAndRun(dir, "dev.chunkwise.readme.ReadmeExample", source);
    }
}
