package dev.chunkwise.cli;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code apply --group-by G --agg …} beside pandas' {@code groupby("G", sort=False, dropna=False).agg(…)} on one
 * file, as {@code docs/csv.md} says: bit for bit for counts, every aggregate of an int column but var and std, and
 * min, max, first and last of a double column; within 1e-12 relative for the sum and mean of a double column (pandas
 * sums with Kahan's compensation, chunkwise left to right) and for var and std (pandas: Welford's updates; chunkwise:
 * two passes); first and last equal where chunkwise's value is not missing (pandas skips missing ones). On one
 * thread, and on two, where the hot key is split into pieces; read whole ({@code --no-stream}) and as a stream of
 * blocks, reduced block by block. Needs {@code /usr/bin/python3} with pandas (Debian's {@code python3-pandas});
 * skipped without it.
 */
@Timeout(300)
class ApplyCommand_GroupByPandasTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final List<String> FUNCTIONS = List.of("sum", "mean", "min", "max", "var", "std", "first", "last");
    /** A: ints; B: two decimals, 5 % missing; C: positive doubles of every magnitude, written to the last digit. */
    static final List<String> COLUMNS = List.of("A", "B", "C");
    static final Set<String> EXACT = Set.of("N", "sum_A", "mean_A", "min_A", "max_A", "first_A", "last_A", "min_B",
            "max_B", "min_C", "max_C", "first_C", "last_C");
    static final Set<String> CLOSE = Set.of("sum_B", "mean_B", "sum_C", "mean_C", "var_A", "std_A", "var_B", "std_B",
            "var_C", "std_C");
    static final Set<String> UNLESS_MISSING = Set.of("first_B", "last_B");

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"serial, --no-stream", "threads, --no-stream", "serial, --stream", "threads, --stream"})
    void agg_besidePandas_equalToTheBitOrWithin1e12(String backend, String path) throws IOException,
            InterruptedException {
        assumeTrue(pandasPresent(), "needs " + PYTHON + " with pandas (apt-get install python3-pandas)");
        Path in = writeData(dir.resolve("in.csv"), 20_000);
        Path theirs = dir.resolve("pandas.csv");
        Path ours = dir.resolve("chunkwise.csv");
        Path script = dir.resolve("groupby_agg.py");
        try (InputStream s = getClass().getResourceAsStream("/pandas/groupby_agg.py")) {
            Files.write(script, s.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), in.toString(),
                theirs.toString()));
        command.addAll(COLUMNS);
        assertThat(run(command)).as("pandas").isZero();
        List<String> args = new ArrayList<>(List.of("apply", in.toString(), "--group-by", "G", "-o", ours.toString(),
                "--backend", backend, "--workers", "2", "--explain", path));
        for (String c : COLUMNS) {
            for (String fn : FUNCTIONS) {
                args.addAll(List.of("--agg", fn + "_" + c + " = " + fn + "(" + c + ")"));
            }
        }
        args.addAll(List.of("--agg", "N = count()"));

        CliRun cli = CliRun.of(args.toArray(String[]::new));

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        if (backend.equals("threads") && path.equals("--no-stream")) {
            assertThat(cli.err()).contains("hot key: group G=k0", "agg splits it into");
        } else if (path.equals("--stream")) {
            assertThat(cli.err()).contains("plan: streamed --group-by: 20,000 rows in ");
        }
        List<List<String>> p = ApplyCommand_GroupByPropertyTest.parse(Files.readString(theirs, StandardCharsets.UTF_8));
        List<List<String>> c = ApplyCommand_GroupByPropertyTest.parse(Files.readString(ours, StandardCharsets.UTF_8));
        assertThat(c.get(0)).containsExactlyElementsOf(p.get(0));
        assertThat(c).extracting(l -> l.get(0)).as("groups in order of first appearance")
                .containsExactlyElementsOf(p.stream().map(l -> l.get(0)).toList()).contains("", "08123", "8123");
        Map<String, Integer> exactCounts = new LinkedHashMap<>();
        for (int j = 1; j < p.get(0).size(); j++) {
            String name = p.get(0).get(j);
            assertThat(EXACT.contains(name) || CLOSE.contains(name) || UNLESS_MISSING.contains(name)).as(name).isTrue();
            int exact = 0;
            for (int i = 1; i < p.size(); i++) {
                double theirsValue = number(p.get(i).get(j));
                double oursValue = number(c.get(i).get(j));
                String what = name + " of group " + p.get(i).get(0) + ": chunkwise " + oursValue + ", pandas "
                        + theirsValue;
                if (Double.compare(oursValue, theirsValue) == 0) {
                    exact++;
                } else if (EXACT.contains(name)) {
                    assertThat(oursValue).as(what).isEqualTo(theirsValue);
                } else if (UNLESS_MISSING.contains(name)) {
                    assertThat(oursValue).as(what).isNaN();
                } else {
                    assertThat(Math.abs(oursValue - theirsValue)).as(what)
                            .isLessThanOrEqualTo(1e-12 * Math.abs(theirsValue));
                }
            }
            exactCounts.put(name, exact);
        }
        // The close ones are not all exact by chance: the sums differ in order somewhere.
        assertThat(exactCounts.get("sum_C")).isLessThan(p.size() - 1);
        assertThat(exactCounts.get("var_A")).isLessThan(p.size() - 1);
    }

    /**
     * Writes {@code rows} rows of keys (k0 holds 60 %, the rest spread over 200 keys, with an empty key, and 08123
     * beside 8123), A, B and C.
     */
    static Path writeData(Path file, int rows) throws IOException {
        Random r = new Random(16);
        StringBuilder sb = new StringBuilder("G,A,B,C\n");
        for (int i = 0; i < rows; i++) {
            double u = r.nextDouble();
            String key = u < 0.6 ? "k0" : u < 0.61 ? "" : u < 0.62 ? "08123" : u < 0.63 ? "8123"
                    : "k" + (1 + (int) (1 / (1 - r.nextDouble())) % 200);
            String b = r.nextDouble() < 0.05 ? "" : String.format(Locale.ROOT, "%.2f", r.nextDouble() * 1000);
            sb.append(key).append(',').append(r.nextInt(100)).append(',').append(b).append(',')
                    .append(Math.exp(r.nextGaussian() * 4)).append('\n');
        }
        return Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static double number(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    static boolean pandasPresent() throws IOException, InterruptedException {
        return Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import pandas")) == 0;
    }

    /** Runs {@code command}, its output discarded, and returns its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
