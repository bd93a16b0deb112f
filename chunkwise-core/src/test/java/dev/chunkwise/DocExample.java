package dev.chunkwise;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java example in one of the project's documents, taken out so that a test can compile and run it: its import lines,
 * and the rest as a method body. Used by the tests that keep the README's and the docs' examples true.
 *
 * @param imports the example's {@code import} lines
 * @param body    the other lines, indented as a method's body
 */
public record DocExample(List<String> imports, String body) {

    /**
     * Returns the first Java block of {@code doc} (a path from the module's directory, such as {@code ../README.md})
     * after the heading {@code section}, or the first of the document when {@code section} is null.
     */
    public static DocExample in(String doc, String section) throws IOException {
        String text = Files.readString(Path.of(doc));
        int from = section == null ? 0 : text.indexOf(section);
        assertThat(from).as("%s has the section %s", doc, section).isNotNegative();
        int start = text.indexOf("```java\n", from);
        assertThat(start).as("%s has a java example", doc).isNotNegative();
        String code = text.substring(start + "```java\n".length(), text.indexOf("```", start + 7));
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        return new DocExample(List.copyOf(imports), body.toString());
    }

    /** Returns the example's import lines, one a line. */
    public String importLines() {
        return String.join("\n", imports) + "\n";
    }

    /**
     * Compiles {@code source}, the class {@code className} (fully qualified), among the test classes — on the class path
     * of the worker processes and executors the example may start — and runs its {@code main} with {@code args}.
     */
    public static void compileAndRun(Path dir, String className, String source, String... args) throws Exception {
        Path file = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-encoding", "UTF-8", "-d",
                Path.of("target", "test-classes").toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertThat(compiled).as(errors + "\n" + source).isZero();
        Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
