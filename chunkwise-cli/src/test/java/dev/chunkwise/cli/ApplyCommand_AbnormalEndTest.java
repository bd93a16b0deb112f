package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.ChildJvm;
import dev.chunkwise.frame.CalibrationCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code chunkwise apply} in a real JVM, ended by signals, {@code kill -9} and {@code System.exit} in an expression. */
@Timeout(180)
class ApplyCommand_AbnormalEndTest {

    /** An expression that never returns (it parks for good), so that the run is mid-way when it is ended. */
    static final String NEVER_RETURNS = "K = { while (A >= 0) java.util.concurrent.locks.LockSupport.park(); return A; }";

    @TempDir
    Path dir;

    Path in;
    Path out;
    ChildJvm child;

    @BeforeEach
    void generate() {
        in = dir.resolve("in.csv");
        out = dir.resolve("out.csv");
        assertThat(CliRun.of("generate", "--rows", "300000", "--seed", "3", "-o", in.toString()).exitCode()).isZero();
    }

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

    ChildJvm apply(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("apply", in.toString(), "-o", out.toString(), "--no-progress"));
        command.addAll(List.of(args));
        String cache = System.getProperty(CalibrationCache.CACHE_DIR, dir.resolve("cache").toString());
        child = ChildJvm.start(dir, List.of("-D" + CalibrationCache.CACHE_DIR + "=" + cache), Chunkwise.class.getName(),
                command.toArray(String[]::new));
        return child;
    }

    /** Waits (for as long as the test's timeout allows) until the run's temporary output exists. */
    void awaitPartialOutput() throws Exception {
        while (names().stream().noneMatch(n -> n.startsWith(".out.csv.chunkwise-") && n.endsWith(".partial"))) {
            assertThat(child.isAlive()).as("the run is still going").isTrue();
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads"})
    void systemExitInAnExpression_exitsWithItsCode_saysWhoCalledIt_andLeavesNothing(String backend) throws Exception {
        apply("--with", "K = { if (A >= 0) System.exit(3); return A; }", "--backend", backend);

        assertThat(child.waitFor()).isEqualTo(3);

        assertThat(child.stderr()).contains("chunkwise: the run was ended by System.exit called from "
                + "dev.chunkwise.cli.expr.Generated.f < ", "; nothing was written to " + out).doesNotContain("\tat ");
        assertThat(names()).containsExactly("in.csv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signalMidRun_leavesNothing_andSaysSo(String signal) throws Exception {
        apply("--with", NEVER_RETURNS, "--backend", "threads");
        awaitPartialOutput();

        child.signal(signal);

        assertThat(child.waitFor()).isEqualTo(signal.equals("INT") ? 130 : 143);
        assertThat(child.stderr()).contains("chunkwise: interrupted (SIG" + signal + "); nothing was written to " + out);
        assertThat(names()).containsExactly("in.csv");
    }

    @Test
    void sigkillMidRun_leavesTheTemporaryOutput_whichTheNextRunRemoves_whileWritingTheRightOutput() throws Exception {
        apply("--with", NEVER_RETURNS, "--backend", "serial");
        awaitPartialOutput();
        child.signal("KILL");
        assertThat(child.waitFor()).isEqualTo(137);
        assertThat(names()).as("what kill -9 leaves").hasSize(3)
                .anyMatch(n -> n.endsWith(".partial")).anyMatch(n -> n.endsWith(".lock"));

        CliRun run = CliRun.of("apply", in.toString(), "--with", "K = A * 2", "-o", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(names()).containsExactly("in.csv", "out.csv");
        List<String> input = Files.readAllLines(in);
        List<String> output = Files.readAllLines(out);
        assertThat(output).hasSameSizeAs(input);
        for (int i = 1; i < input.size(); i += 997) {
            assertThat(output.get(i)).isEqualTo(input.get(i) + "," + 2 * Integer.parseInt(input.get(i).split(",")[0]));
        }
    }
}
