package dev.chunkwise.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClassPathSearch} finds a class file where {@code java -cp} would, in real directories and jars. */
class ClassPathSearch_HoldsTest {

    private static final String CLASS = "com/example/Here.class";

    @TempDir
    Path dir;

    @Test
    void holds_aClassInADirectory() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes/com/example")).getParent().getParent();
        Files.write(classes.resolve(CLASS), new byte[]{1});

        assertThat(ClassPathSearch.holds(List.of(classes.toString()), CLASS)).isTrue();
        assertThat(ClassPathSearch.holds(List.of(classes.toString()), "com/example/Elsewhere.class")).isFalse();
    }

    @Test
    void holds_aClassInAJar_inAJarItsManifestNames_andInAWildcardsJars() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path jar = jar(lib.resolve("here.jar"), null, CLASS);
        Path manifestOnly = jar(dir.resolve("boot.jar"), "lib/here.jar", null);
        Path empty = jar(dir.resolve("empty.jar"), null, null);

        assertThat(ClassPathSearch.holds(List.of(jar.toString()), CLASS)).isTrue();
        assertThat(ClassPathSearch.holds(List.of(manifestOnly.toString()), CLASS)).isTrue();
        assertThat(ClassPathSearch.holds(List.of(lib + "/*"), CLASS)).isTrue();
        assertThat(ClassPathSearch.holds(List.of(empty.toString()), CLASS)).isFalse();
    }

    @Test
    void holds_nothingInEntriesThatAreMissingOrNotJars() throws IOException {
        Path notAJar = Files.writeString(dir.resolve("notes.jar"), "not a zip");

        assertThat(ClassPathSearch.holds(List.of(dir.resolve("missing").toString(), notAJar.toString(),
                dir.resolve("missing") + "/*", ""), CLASS)).isFalse();
    }

    @Test
    void holds_aManifestThatNamesItself_withoutLooping() throws IOException {
        Path self = jar(dir.resolve("self.jar"), "self.jar", null);

        assertThat(ClassPathSearch.holds(List.of(self.toString()), CLASS)).isFalse();
    }

    /** Writes a jar holding {@code entry} (if not null), whose manifest's Class-Path is {@code classPath} (if not null). */
    private static Path jar(Path file, String classPath, String entry) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            if (entry != null) {
                jar.putNextEntry(new ZipEntry(entry));
                jar.write(1);
                jar.closeEntry();
            }
        }
        return file;
    }
}
