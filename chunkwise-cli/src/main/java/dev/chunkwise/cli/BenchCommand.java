package dev.chunkwise.cli;

import dev.chunkwise.cli.bench.BenchChart;
import dev.chunkwise.cli.bench.BenchGrid;
import dev.chunkwise.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code chunkwise bench}: the notebook's lesson drawn, time against rows per backend, with the crossovers. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time Parallel.apply over a grid of frame sizes and backends (a warm-up, then several runs per "
                + "cell), print median and min–max with the ratio to serial, mark where each backend starts to beat "
                + "serial, and draw the chart.",
                "",
                "Example: chunkwise bench --rows 100,10000,1000000 --function 10us --chart bench.svg"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", split = ",", defaultValue = "100,10000,1000000,10000000",
            description = "Frame sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> rows;

    @Option(names = "--function", defaultValue = "cheap",
            description = "cheap (K = A * 2), sqrt200 (the sum of 200 square roots, as the Python peers' heavy "
                    + "function), 1us, 10us or 100us per row (default: ${DEFAULT-VALUE}).")
    String function;

    @Option(names = "--backends", split = ",", defaultValue = "serial,threads,processes,auto",
            description = "Backends to time: serial, threads, processes, spark, auto (default: ${DEFAULT-VALUE}).")
    List<String> backends;

    @Option(names = "--runs", defaultValue = "5",
            description = "Timed runs per cell at least; short cells run as many as fit in 0.3 s (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warm-up", paramLabel = "SECONDS", defaultValue = "2",
            description = "Untimed runs of each cell for this long first, at least one (default: ${DEFAULT-VALUE}).")
    double warmUpSeconds;

    @Option(names = "--chart", paramLabel = "FILE.svg|FILE.png", description = "Draw the chart to this file.")
    Path chart;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every cell's times as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (runs < 1) {
            err.println("chunkwise bench: --runs: " + runs + " (expected: > 0)");
            return Chunkwise.USAGE;
        }
        if (!(warmUpSeconds >= 0)) {
            err.println("chunkwise bench: --warm-up: " + warmUpSeconds + " (expected: >= 0)");
            return Chunkwise.USAGE;
        }
        if (!backends.contains("serial")) {
            backends = new java.util.ArrayList<>(backends);
            backends.add(0, "serial");
        }
        List<BenchGrid.Cell> cells;
        try {
            err.println("chunkwise bench: " + function + " function, " + runs + " runs per cell, on "
                    + Runtime.getRuntime().availableProcessors() + " cores, java " + Runtime.version());
            cells = BenchGrid.run(rows, backends, function, runs, (long) (warmUpSeconds * 1e9), err);
        } catch (IllegalArgumentException e) {
            err.println("chunkwise bench: " + e.getMessage());
            return Chunkwise.USAGE;
        }
        Map<String, Integer> crossovers = BenchGrid.crossovers(cells);
        printTable(out, cells, crossovers);
        if (chart != null) {
            BenchChart.write(cells, crossovers, function, chart);
            out.println("chart: " + chart);
        }
        if (json != null) {
            Files.writeString(json, toJson(cells));
            out.println("json: " + json);
        }
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, List<BenchGrid.Cell> cells, Map<String, Integer> crossovers) {
        out.printf(Locale.ROOT, "%-10s %12s %12s %24s %10s%n", "backend", "rows", "median", "min – max", "÷ serial");
        for (BenchGrid.Cell c : cells) {
            long serial = cells.stream().filter(s -> s.backend().equals("serial") && s.rows() == c.rows())
                    .findFirst().orElseThrow().median();
            out.printf(Locale.ROOT, "%-10s %,12d %12s %24s %9.2f×%n", c.backend(), c.rows(), Durations.format(c.median()),
                    Durations.format(c.min()) + " – " + Durations.format(c.max()), (double) c.median() / serial);
        }
        Map<Integer, Double> regret = BenchGrid.regret(cells);
        for (BenchGrid.Cell c : cells) {
            if (c.backend().equals("auto")) {
                out.printf(Locale.ROOT, "auto at %,d rows: regret %.2f× (auto ÷ best fixed backend), chose %s, predicted ÷ actual %s%n",
                        c.rows(), regret.get(c.rows()), c.chose(),
                        Double.isNaN(c.predictedOverActual()) ? "n/a" : String.format(Locale.ROOT, "%.2f", c.predictedOverActual()));
            }
        }
        for (Map.Entry<String, Integer> e : crossovers.entrySet()) {
            out.println(e.getKey() + ": " + (e.getValue() < 0 ? "never beats serial on this grid"
                    : String.format(Locale.ROOT, "beats serial from %,d rows", e.getValue())));
        }
    }

    private String toJson(List<BenchGrid.Cell> cells) {
        StringBuilder sb = new StringBuilder("{\"function\":\"" + function + "\",\"cores\":"
                + Runtime.getRuntime().availableProcessors() + ",\"java\":\"" + Runtime.version() + "\",\"cells\":[");
        for (int i = 0; i < cells.size(); i++) {
            BenchGrid.Cell c = cells.get(i);
            sb.append(i > 0 ? "," : "").append("{\"backend\":\"").append(c.backend()).append("\",\"rows\":").append(c.rows())
                    .append(",\"medianNanos\":").append(c.median()).append(",\"nanos\":").append(java.util.Arrays.toString(c.nanos()))
                    .append(c.chose().isEmpty() ? "" : ",\"chose\":\"" + c.chose() + "\"")
                    .append(Double.isNaN(c.predictedOverActual()) ? "" : ",\"predictedOverActual\":" + c.predictedOverActual())
                    .append('}');
        }
        return sb.append("]}\n").toString();
    }
}
