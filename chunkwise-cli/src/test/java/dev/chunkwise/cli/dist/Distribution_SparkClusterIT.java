package dev.chunkwise.cli.dist;

import dev.chunkwise.spark.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution's {@code bin/chunkwise apply --backend spark --master spark://…} on a real standalone cluster
 * whose master, worker and executors have Spark's and Hadoop's jars but none of chunkwise's, DFLib's or Janino's:
 * the executors read and write the files with the classes the driver ships them ({@code SparkContext.addJar}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class Distribution_SparkClusterIT {

    /** The jars of lib/core that the cluster does not get: the command's own, DFLib, the expression compiler. */
    private static final Set<String> SHIPPED_ONLY = Set.of("chunkwise-", "dflib-2", "janino-", "commons-compiler-",
            "picocli-");

    @TempDir
    Path tmp;

    @Test
    void apply_onACluster_withoutChunkwiseOnIt_runsOnTheExecutorsWithTheShippedJars() throws Exception {
        Path dist = Distribution.unpack(Files.createDirectories(tmp.resolve("unpacked")));
        List<Path> clusterJars = new ArrayList<>();
        for (String lib : List.of("spark", "parquet", "core")) {
            try (Stream<Path> jars = Files.list(dist.resolve("lib").resolve(lib))) {
                jars.filter(j -> SHIPPED_ONLY.stream().noneMatch(j.getFileName().toString()::startsWith))
                        .forEach(clusterJars::add);
            }
        }
        assertThat(clusterJars).extracting(p -> p.getFileName().toString())
                .anyMatch(n -> n.startsWith("spark-core_")).noneMatch(n -> n.startsWith("chunkwise-") || n.startsWith("dflib-2"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path in = Files.createDirectories(work.resolve("in"));
        Files.writeString(in.resolve("a.csv"), "A,B\n1,x\n2,\"y\nz\"\n");
        Files.writeString(in.resolve("b.csv"), "A,B\n3,w\n");

        try (StandaloneCluster cluster = StandaloneCluster.start(Files.createDirectories(tmp.resolve("cluster")), clusterJars)) {
            Launcher.Run run = new Launcher(dist, work, Path.of(System.getProperty("java.home"), "bin", "java"))
                    .with("CHUNKWISE_ARCHIVE", "off")
                    .run("apply", "in", "--with", "K = A * 2", "-o", "out", "--backend", "spark", "--master",
                            cluster.master(), "--explain");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).as(run.toString()).contains("2 splits (one per file)", "on executors [0]")
                    .containsPattern("; [1-9][0-9]* jars shipped \\(spark.jars\\)");
            assertThat(work.resolve("out/part-00000.csv")).hasContent("A,B,K\n1,x,2\n2,\"y\nz\",4\n");
            assertThat(work.resolve("out/part-00001.csv")).hasContent("A,B,K\n3,w,6\n");
            assertThat(work.resolve("out/_SUCCESS")).exists();
        }
    }
}
