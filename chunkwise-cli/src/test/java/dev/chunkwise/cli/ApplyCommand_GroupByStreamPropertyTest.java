package dev.chunkwise.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random small files — keys that are empty, quoted with the delimiter or a line break in them, {@code 08123} beside
 * {@code 8123}, a second key column; ints, negative decimals, missing values and text — through {@code apply
 * --group-by} read as a stream in blocks of random sizes (1, 7, 40 bytes...) and read whole ({@code --no-stream} on
 * one thread, no group split): the outputs are equal, byte for byte when the file is one block, and otherwise field
 * for field with the sums, means and variances of doubles within 1e-12 relative (they are summed block by block);
 * for {@code --agg} and for {@code --with} expressions over group aggregates.
 */
class ApplyCommand_GroupByStreamPropertyTest {

    static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("chunkwise-groupby-stream-test");
    }

    @AfterContainer
    static void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static final String[] KEYS = {"", "08123", "8123", "\"a,b\"", "\"x\ny\"", " x", "x", "\"x\"", "é", "k"};
    static final String[] SECOND = {"p", "q", ""};
    static final String[] AGGREGATES = {"--agg", "N = count()", "--agg", "SA = sum(A)", "--agg", "SB = sum(B)",
            "--agg", "MB = mean(B)", "--agg", "LO = min(B)", "--agg", "HI = max(A)", "--agg", "V = var(B)",
            "--agg", "SD = std(A)", "--agg", "F = first(S)", "--agg", "L = last(B)", "--agg", "FA = first(A)"};

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<String> second = Arbitraries.of(SECOND);
        Arbitrary<String> a = Arbitraries.integers().between(-1000, 1000).map(String::valueOf);
        Arbitrary<String> b = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.integers().between(-99999, 99999).map(i -> i / 100.0 + ""),
                Arbitraries.integers().between(-50, 50).map(String::valueOf));
        Arbitrary<String> s = Arbitraries.of("s", "t", "\"u,v\"", "");
        Arbitrary<String> row = Combinators.combine(key, second, a, b, s)
                .as((k, k2, x, y, z) -> k + "," + k2 + "," + x + "," + y + "," + z + "\n");
        return row.list().ofMaxSize(60).map(rows -> "G,H,A,B,S\n" + String.join("", rows));
    }

    @Provide
    Arbitrary<Integer> blockSizes() {
        return Arbitraries.of(1, 7, 40, 113, 1 << 20);
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void agg_streamed_equalsTheWholeFile(@ForAll("files") String csv, @ForAll("blockSizes") int block,
                                         @ForAll boolean twoKeys) throws IOException {
        Path in = Files.writeString(Files.createTempFile(dir, "in", ".csv"), csv, StandardCharsets.UTF_8);
        String keys = twoKeys ? "G,H" : "G";
        String whole = run(in, keys, "--no-stream", "--backend", "serial");
        String streamed = run(in, keys, "--block-size", Integer.toString(block), "--workers", "2");
        if (block == 1 << 20) {
            assertThat(streamed).as(csv).isEqualTo(whole);
        } else {
            assertClose(streamed, whole, csv);
        }
    }

    @Property(tries = 60, shrinking = ShrinkingMode.BOUNDED)
    void with_streamed_equalsTheWholeFile(@ForAll("files") String csv, @ForAll("blockSizes") int block,
                                          @ForAll boolean twoKeys) throws IOException {
        Path in = Files.writeString(Files.createTempFile(dir, "in", ".csv"), csv, StandardCharsets.UTF_8);
        String keys = twoKeys ? "G,H" : "G";
        String whole = run(in, keys, WITH, "--no-stream", "--backend", "serial");
        String streamed = run(in, keys, WITH, "--block-size", Integer.toString(block), "--workers", "2");
        if (block == 1 << 20) {
            assertThat(streamed).as(csv).isEqualTo(whole);
        } else {
            assertClose(streamed, whole, csv);
        }
    }

    static final String[] WITH = {"--with", "Z = (A - mean(A)) / std(A)", "--with", "C = count() + first(A)",
            "--with", "T = sum(B) - B", "--with", "R = max(A) - min(B) + A"};

    String run(Path in, String keys, String... more) throws IOException {
        return run(in, keys, AGGREGATES, more);
    }

    String run(Path in, String keys, String[] computation, String... more) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".csv");
        List<String> args = new ArrayList<>(List.of("apply", in.toString(), "--group-by", keys, "-o", out.toString()));
        args.addAll(List.of(computation));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Asserts that two outputs have the same fields, numbers with a fraction within 1e-12 relative. */
    static void assertClose(String actual, String expected, String input) {
        List<List<String>> a = ApplyCommand_GroupByPropertyTest.parse(actual);
        List<List<String>> e = ApplyCommand_GroupByPropertyTest.parse(expected);
        assertThat(a).as(input).hasSameSizeAs(e);
        for (int i = 0; i < e.size(); i++) {
            assertThat(a.get(i)).as(input).hasSameSizeAs(e.get(i));
            for (int j = 0; j < e.get(i).size(); j++) {
                String x = a.get(i).get(j);
                String y = e.get(i).get(j);
                if (x.equals(y)) {
                    continue;
                }
                double dx = Double.parseDouble(x);
                double dy = Double.parseDouble(y);
                // Sums of values that cancel keep an absolute error of the values' size times the rounding.
                assertThat(Math.abs(dx - dy)).as("line " + (i + 1) + " field " + (j + 1) + ": " + x + " vs " + y
                        + " in\n" + input).isLessThanOrEqualTo(1e-12 * Math.max(Math.abs(dy), 1e4));
            }
        }
    }
}
