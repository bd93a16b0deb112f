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

/** Compiles and runs the Java example at the top of the README, so that it stays true. */
class ReadmeExampleTest {

    @Test
    @Timeout(120)
    void readmeExample_compilesAndRuns(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```java\n");
        assertThat(start).as("the README has a java example").isNotNegative();
        String code = readme.substring(start + "```java\n".length(), readme.indexOf("```", start + 7));
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source = "package dev.chunkwise.readme;\n" + String.join("\n", imports) + "\n"
                + "import java.util.List;\n"
                + "import org.dflib.DataFrame;\n"
                + "import dev.chunkwise.frame.Frames;\n"
                + "import dev.chunkwise.frame.PartitionFunction;\n"
                + "import dev.chunkwise.plan.Plan;\n"
                + "public class ReadmeExample {\n"
                + "    public static void main(String[] args) {\n"
                + "        DataFrame df = Frames.randomInts(1000, 0, 100, 1, \"A\", \"B\");\n"
                + body
                + "        if (withK.height() != df.height() || plan.chosen() == null) throw new AssertionError();\n"
                + "    }\n"
                + "}\n";
        Path file = dir.resolve("ReadmeExample.java");
        Files.writeString(file, source);
        // Compiled among the test classes, which are on the class path of the worker processes it starts.
        Path classes = Path.of("target", "test-classes");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(compiled).as(errors + "\n" + source).isZero();
        Class.forName("dev.chunkwise.readme.ReadmeExample").getMethod("main", String[].class)
                .invoke(null, (Object) new String[0]);
    }
}
