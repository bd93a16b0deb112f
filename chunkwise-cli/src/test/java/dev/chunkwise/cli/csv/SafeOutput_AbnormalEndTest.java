package dev.chunkwise.cli.csv;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real JVMs holding a {@link SafeOutput}, ended by real signals and {@code System.exit}. */
@Timeout(120)
class SafeOutput_AbnormalEndTest {

    @TempDir
    Path dir;

    ChildJvm child;

    @AfterEach
    void destroyChild() throws Exception {
        if (child != null) {
            child.destroy();
        }
    }

    List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Starts a JVM holding an open output on {@code out.csv} and waits until its temporary file exists. */
    Path holdOpen(String mode) throws IOException {
        child = ChildJvm.start(dir, List.of(), HoldOutput.class.getName(), dir.resolve("out.csv").toString(), mode);
        String line = child.readLine();
        assertThat(line).as("the child's first line").startsWith("open ");
        return Path.of(line.substring(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT", "HUP"})
    void signal_removesTheTemporaryFiles_andSaysWhichSignalEndedTheRun(String signal) throws Exception {
        Path partial = holdOpen("block");
        assertThat(partial).exists().hasParent(dir);
        assertThat(names()).hasSize(3); // the partial output, its lock and a scratch file

        child.signal(signal);

        assertThat(child.waitFor()).isEqualTo(128 + switch (signal) {
            case "HUP" -> 1;
            case "INT" -> 2;
            default -> 15;
        });
        assertThat(child.stderr()).isEqualTo("chunkwise: interrupted (SIG" + signal + "); nothing was written to "
                + dir.resolve("out.csv") + "\n");
        assertThat(names()).isEmpty();
    }

    @Test
    void systemExit_removesTheTemporaryFiles_andNamesTheFrameThatCalledIt() throws Exception {
        child = ChildJvm.start(dir, List.of(), HoldOutput.class.getName(), dir.resolve("out.csv").toString(), "exit");

        assertThat(child.waitFor()).isEqualTo(3);

        assertThat(child.stderr()).startsWith("chunkwise: the run was ended by System.exit called from "
                        + HoldOutput.class.getName() + ".quit(HoldOutput.java:")
                .contains(" < " + HoldOutput.class.getName() + ".main(HoldOutput.java:")
                .endsWith("; nothing was written to " + dir.resolve("out.csv") + "\n");
        assertThat(names()).isEmpty();
    }

    @Test
    void sigkill_leavesTheFiles_andTheNextOutputBesideThemRemovesThem_andIsWrittenWhole() throws Exception {
        Path partial = holdOpen("block");
        child.signal("KILL");
        assertThat(child.waitFor()).isEqualTo(128 + 9);
        assertThat(names()).as("what kill -9 leaves").hasSize(3).contains(partial.getFileName().toString());

        try (SafeOutput out = SafeOutput.open(dir.resolve("out.csv"))) {
            assertThat(names()).as("while the next run writes").hasSize(2);
            out.stream().write("A\n1\n".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }

        assertThat(names()).containsExactly("out.csv");
        assertThat(dir.resolve("out.csv")).hasContent("A\n1\n");
    }

    @Test
    void sigkill_leftoversOfAnotherTarget_areRemovedByAnOutputInTheSameDirectory() throws Exception {
        holdOpen("block");
        child.signal("KILL");
        child.waitFor();

        try (SafeOutput out = SafeOutput.open(dir.resolve("other.csv"))) {
            out.commit();
        }

        assertThat(names()).containsExactly("other.csv");
    }

    @Test
    void liveOwner_itsFilesAreLeftAlone_byAnotherOutputBesideThem() throws Exception {
        Path partial = holdOpen("block");
        List<String> held = names();

        try (SafeOutput out = SafeOutput.open(dir.resolve("out.csv"))) {
            out.stream().write("mine\n".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }

        assertThat(names()).containsAll(held).contains("out.csv").hasSize(held.size() + 1);
        assertThat(partial).hasContent("partial data");
        assertThat(child.isAlive()).as("the owner still runs").isTrue();
    }
}
