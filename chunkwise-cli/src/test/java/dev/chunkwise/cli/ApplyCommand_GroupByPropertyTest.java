package dev.chunkwise.cli;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random files of random keys (the empty key, {@code 08123} beside {@code 8123}, a key with a comma, one with a
 * space; sometimes a hot key with most of over a thousand rows, which two workers split) and random values with
 * missing ones, through {@code apply --group-by G --agg …} and {@code --with} group aggregates on serial, threads and
 * worker processes: the output equals a plain serial loop over the rows, group by group in order of first appearance.
 */
class ApplyCommand_GroupByPropertyTest {

    static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("chunkwise-groupby-test");
    }

    @AfterContainer
    static void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One row: its key, an int A, and a B that may be missing (null: an empty field). */
    record Row(String key, int a, Integer b) {
    }

    /** The rows of a file, and the file's text. */
    record Table(List<Row> rows) {
        String csv() {
            StringBuilder sb = new StringBuilder("G,A,B\n");
            for (Row r : rows) {
                sb.append(r.key.contains(",") ? "\"" + r.key + "\"" : r.key).append(',').append(r.a).append(',')
                        .append(r.b == null ? "" : r.b).append('\n');
            }
            return sb.toString();
        }

        /** The rows of each key, in order of the key's first row. */
        Map<String, List<Row>> groups() {
            Map<String, List<Row>> groups = new LinkedHashMap<>();
            rows.forEach(r -> groups.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r));
            return groups;
        }

        @Override
        public String toString() {
            return rows.size() + " rows: " + (rows.size() > 12 ? csv().substring(0, 200) + "…" : csv());
        }
    }

    static final String[] KEYS = {"", "08123", "8123", "a,b", " x", "x", "k1", "k2", "é"};

    @Provide
    Arbitrary<Table> tables() {
        Arbitrary<Integer> a = Arbitraries.integers().between(-1000, 1000);
        Arbitrary<Integer> b = Arbitraries.integers().between(-50, 50).injectNull(0.1);
        Arbitrary<String> anyKey = Arbitraries.of(KEYS);
        Arbitrary<List<Row>> small = Combinators.combine(anyKey, a, b).as(Row::new).list().ofMaxSize(150);
        Arbitrary<List<Row>> hot = Combinators.combine(anyKey, Arbitraries.of(KEYS), a, b,
                        Arbitraries.integers().between(0, 99))
                .as((hotKey, other, x, y, dice) -> new Row(dice < 75 ? hotKey : other, x, y))
                .list().ofMinSize(1100).ofMaxSize(2600);
        return Arbitraries.frequencyOf(Tuple.of(3, small), Tuple.of(1, hot)).map(Table::new);
    }

    @Provide
    Arbitrary<String> backends() {
        return Arbitraries.of("serial", "threads", "processes");
    }

    @Property(tries = 24)
    void agg_equalsAPlainSerialLoop(@ForAll("tables") Table t, @ForAll("backends") String backend) throws IOException {
        Path in = Files.writeString(Files.createTempFile(dir, "in", ".csv"), t.csv(), StandardCharsets.UTF_8);
        Path out = dir.resolve("out-" + in.getFileName());

        CliRun run = CliRun.of("apply", in.toString(), "--group-by", "G", "-o", out.toString(), "--backend", backend,
                "--workers", "2", "--agg", "N = count()", "--agg", "SA = sum(A)", "--agg", "SB = sum(B)", "--agg",
                "MA = mean(A)", "--agg", "MB = mean(B)", "--agg", "LB = min(B)", "--agg", "HA = max(A)", "--agg",
                "VA = var(A)", "--agg", "DB = std(B)", "--agg", "FB = first(B)", "--agg", "LA = last(A)");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<List<String>> lines = parse(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(lines.get(0)).containsExactly("G", "N", "SA", "SB", "MA", "MB", "LB", "HA", "VA", "DB", "FB", "LA");
        Map<String, List<Row>> groups = t.groups();
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.get(0)).containsExactlyElementsOf(groups.keySet());
        int line = 1;
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            List<String> got = lines.get(line++);
            List<Row> rows = g.getValue();
            List<Integer> as = rows.stream().map(Row::a).toList();
            List<Integer> bs = rows.stream().map(Row::b).filter(v -> v != null).toList();
            String where = "group " + g.getKey();
            assertSame(number(got.get(1)), rows.size(), where + " N");
            assertSame(number(got.get(2)), sum(as), where + " SA");
            assertSame(number(got.get(3)), sum(bs), where + " SB");
            assertSame(number(got.get(4)), sum(as) / as.size(), where + " MA");
            assertSame(number(got.get(5)), bs.isEmpty() ? Double.NaN : sum(bs) / bs.size(), where + " MB");
            assertSame(number(got.get(6)), bs.stream().mapToDouble(v -> v).min().orElse(Double.NaN), where + " LB");
            assertSame(number(got.get(7)), as.stream().mapToDouble(v -> v).max().orElseThrow(), where + " HA");
            assertClose(number(got.get(8)), variance(as), where + " VA");
            assertClose(number(got.get(9)), Math.sqrt(variance(bs)), where + " DB");
            Integer firstB = rows.get(0).b();
            assertSame(number(got.get(10)), firstB == null ? Double.NaN : firstB, where + " FB");
            assertSame(number(got.get(11)), rows.get(rows.size() - 1).a(), where + " LA");
        }
    }

    @Property(tries = 12)
    void with_everyRowKeptWithItsGroupsValues(@ForAll("tables") Table t, @ForAll("backends") String backend)
            throws IOException {
        Path in = Files.writeString(Files.createTempFile(dir, "in", ".csv"), t.csv(), StandardCharsets.UTF_8);
        Path out = dir.resolve("out-" + in.getFileName());

        CliRun run = CliRun.of("apply", in.toString(), "--group-by", "G", "-o", out.toString(), "--backend", backend,
                "--workers", "2", "--with", "Z = A - mean(A)", "--with", "N = count()", "--with", "M = max(B)");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] inLines = t.csv().split("\n", -1);
        String[] outLines = Files.readString(out, StandardCharsets.UTF_8).split("\n", -1);
        assertThat(outLines).hasSameSizeAs(inLines);
        assertThat(outLines[0]).isEqualTo("G,A,B,Z,N,M");
        Map<String, List<Row>> groups = t.groups();
        for (int i = 0; i < t.rows().size(); i++) {
            Row r = t.rows().get(i);
            List<Row> g = groups.get(r.key());
            List<Integer> bs = g.stream().map(Row::b).filter(v -> v != null).toList();
            String line = outLines[i + 1];
            assertThat(line).as("row " + i).startsWith(inLines[i + 1] + ",");
            String[] added = line.substring(inLines[i + 1].length() + 1).split(",", -1);
            double mean = sum(g.stream().map(Row::a).toList()) / g.size();
            assertSame(number(added[0]), r.a() - mean, "row " + i + " Z");
            assertSame(number(added[1]), g.size(), "row " + i + " N");
            assertSame(number(added[2]), bs.stream().mapToDouble(v -> v).max().orElse(Double.NaN), "row " + i + " M");
        }
    }

    static double sum(List<Integer> values) {
        long s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    /** The sample variance, in two passes; NaN for fewer than two values. */
    static double variance(List<Integer> values) {
        if (values.size() < 2) {
            return Double.NaN;
        }
        double mean = sum(values) / values.size();
        double m2 = 0;
        for (int v : values) {
            m2 += (v - mean) * (v - mean);
        }
        return m2 / (values.size() - 1);
    }

    /** Asserts that {@code actual} is {@code expected}, NaN (missing) included. */
    static void assertSame(double actual, double expected, String what) {
        assertThat(Double.valueOf(actual)).as(what).isEqualTo(Double.valueOf(expected));
    }

    static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                    .isLessThanOrEqualTo(1e-12 * Math.abs(expected) + 1e-12);
        }
    }

    /** A field as a number: an empty field is NaN (missing). */
    static double number(String field) {
        return field.isEmpty() ? Double.NaN : Double.parseDouble(field);
    }

    /** Splits CSV text (LF line ends, fields quoted where they hold a comma) into lines of fields. */
    static List<List<String>> parse(String csv) {
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                lines.add(fields);
                fields = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return lines;
    }
}
