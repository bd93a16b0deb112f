package dev.chunkwise.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @Test
    @Timeout(180)
    void bench_tinyGrid_printsTheTableAndWritesChartAndJson(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("bench.svg");
        Path json = dir.resolve("bench.json");

        CliRun run = CliRun.of("bench", "--rows", "100,2000", "--function", "1us", "--backends", "threads,auto",
                "--runs", "2", "--warm-up", "0.1", "--chart", chart.toString(), "--json", json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("backend", "÷ serial", "serial", "threads", "auto at 2,000 rows: regret ");
        assertThat(run.out().lines().filter(l -> l.matches("^(serial|threads|auto)\\s+[\\d,]+ .*"))).hasSize(6);
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network here
        var svg = factory.newDocumentBuilder().parse(chart.toFile());
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        var cells = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(json)).get("cells");
        assertThat(cells).hasSize(6);
    }

    @Test
    void bench_unknownFunction_exits2() {
        CliRun run = CliRun.of("bench", "--rows", "10", "--function", "fast");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--function: fast (expected: cheap, sqrt200, 1us, 10us or 100us)");
    }
}
