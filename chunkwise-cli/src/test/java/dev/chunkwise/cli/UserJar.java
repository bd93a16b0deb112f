package dev.chunkwise.cli;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A jar of one class of a user's, compiled by the test, for {@code apply --apply CLASS --jar JAR}. */
final class UserJar {

    private UserJar() {
    }

    /**
     * Compiles {@code source}, the class {@code com.example.<simpleName>}, against the test's class path and returns
     * a jar in {@code dir} that holds it.
     */
    static Path of(Path dir, String simpleName, String source) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/com/example"));
        Path file = Files.writeString(src.resolve(simpleName + ".java"), source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertThat(compiled).isZero();
        Path jar = dir.resolve(simpleName + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("com/example/" + simpleName + ".class"));
            out.write(Files.readAllBytes(classes.resolve("com/example/" + simpleName + ".class")));
        }
        return jar;
    }

    /** Returns the source of {@code com.example.Triple}, which adds {@code T = 3 * A}. */
    static String triple() {
        return "package com.example;\n"
                + "public class Triple implements dev.chunkwise.frame.PartitionFunction {\n"
                + "  public org.dflib.DataFrame apply(org.dflib.DataFrame part) {\n"
                + "    return part.cols(\"T\").merge(org.dflib.Exp.$int(\"A\").mul(3));\n"
                + "  }\n}\n";
    }
}
