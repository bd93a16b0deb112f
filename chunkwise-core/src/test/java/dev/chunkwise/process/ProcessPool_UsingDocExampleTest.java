package dev.chunkwise.process;

import dev.chunkwise.DocExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Compiles and runs the Java example of docs/using.md's section "Worker processes and your class path", which gives a
 * pool the workers' whole class path, so that it stays true.
 */
@Timeout(120)
class ProcessPool_UsingDocExampleTest {

    @Test
    void docExample_compilesAndRuns_onWorkersWithTheClassPathItGives(@TempDir Path dir) throws Exception {
        DocExample example = DocExample.in("../docs/using.md", "## Worker processes and your class path");
        String source = "package dev.chunkwise.process;\n" + example.importLines()
                + "public class UsingClassPathExample {\n"
                + "    public static void main(String[] args) {\n"
                + "        Path pluginClasses = Path.of(args[0]);\n"
                + example.body()
                + "    }\n"
                + "}\n";
        DocExample.compileAndRun(dir, "dev.chunkwise.process.UsingClassPathExample", source, dir.toString());
    }
}
