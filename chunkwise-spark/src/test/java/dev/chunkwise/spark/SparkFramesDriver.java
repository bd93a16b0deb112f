package dev.chunkwise.spark;

import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.spark.RandomTables.Kind;
import dev.chunkwise.spark.RandomTables.Table;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.dflib.Exp.$double;
import static org.dflib.Exp.$int;
import static org.dflib.Exp.$long;

/**
 * A driver in its own JVM (a JVM holds one SparkContext) that runs {@link SparkFrames} on the standalone master given
 * as its first argument and prints what it found, for {@link SparkFrames_ClusterTest}. Its second argument is the
 * check: {@code contract} (random tables against the function on the whole table, the types, a failure's message,
 * where the function ran) or {@code kill DIR} (a job whose task for partition 2 waits, in an executor, to be killed).
 */
public final class SparkFramesDriver {

    /** The batch of partition 2 that waits to be killed: its first id. */
    static final long BLOCKING_ID = 130_000;

    private SparkFramesDriver() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession session = LocalSession.start(args[0]);
        try {
            if (args[1].equals("contract")) {
                contract(session);
            } else {
                kill(session, args[2]);
            }
        } finally {
            session.stop();
        }
    }

    private static void contract(SparkSession session) {
        SplittableRandom r = new SplittableRandom(2026);
        int mismatches = 0;
        int tables = 12;
        for (int i = 0; i < tables; i++) {
            List<Kind> kinds = new ArrayList<>();
            int width = i == 0 ? Kind.values().length : r.nextInt(1, 6);
            for (int c = 0; c < width; c++) {
                kinds.add(i == 0 ? Kind.values()[c] : Kind.values()[r.nextInt(Kind.values().length)]);
            }
            int rows = i == 1 ? 0 : r.nextInt(1, 400);
            Table table = RandomTables.of(kinds, rows, new double[]{0, 0.1, 0.9}[r.nextInt(3)], r.nextLong());
            int partitions = r.nextInt(1, 7);
            int batchRows = r.nextInt(1, 65);
            boolean giveSchema = rows == 0 || r.nextBoolean();
            List<String> differences = SparkFramesContract.differences(session, table, partitions, batchRows, giveSchema);
            System.out.println("table " + i + " (" + table + ", " + partitions + " partitions, batches of " + batchRows
                    + ", schema " + (giveSchema ? "given" : "inferred") + "): "
                    + (differences.isEmpty() ? "equal" : "DIFFERENT " + differences));
            mismatches += differences.isEmpty() ? 0 : 1;
        }
        System.out.println("contract tables " + tables + " different " + mismatches);

        StructType schema = DataTypes.createStructType(List.of(DataTypes.createStructField("A", DataTypes.IntegerType, true),
                DataTypes.createStructField("K", DataTypes.IntegerType, true)));
        PartitionFunction throwing = part -> part.cols("K").merge($int("A").mapVal(a -> {
            if (a == 25) {
                throw new IllegalStateException("no 25 here");
            }
            return a * 2;
        }));
        Dataset<Row> data = session.range(0, 30, 1, 3).selectExpr("cast(id as int) as A");
        try {
            SparkFrames.of(data).schema(schema).batchRows(4).apply(throwing).collectAsList();
            System.out.println("failure: none");
        } catch (Exception e) {
            System.out.println("failure message: " + e.getMessage().lines().findFirst().orElse(""));
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SparkPartitionFailedException f) {
                    System.out.println("failure partition " + f.partition() + " cause " + f.getCause());
                }
            }
        }

        List<Row> pids = SparkFrames.apply(session.range(0, 100, 1, 4).toDF(),
                part -> part.cols("PID").merge($long("id").mapVal(x -> ProcessHandle.current().pid()))).collectAsList();
        System.out.println("function pids " + pids.stream().map(p -> p.get(1)).distinct().toList());
        System.out.println("driver pid " + ProcessHandle.current().pid());
    }

    private static void kill(SparkSession session, String dir) throws InterruptedException {
        AtomicInteger executorsRemoved = new AtomicInteger();
        AtomicInteger tasksLost = new AtomicInteger();
        session.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
                executorsRemoved.incrementAndGet();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() instanceof ExecutorLostFailure) {
                    tasksLost.incrementAndGet();
                }
            }
        });
        Dataset<Row> data = session.range(0, 200_000, 1, 4).selectExpr("id", "cast(id % 1000 as int) as A",
                "case when id % 7 = 0 then null else cast(id as double) / 8 end as D", "concat('s', id) as S");
        PartitionFunction fn = part -> {
            waitToBeKilled(dir, part);
            return part.cols("K", "E").merge($int("A").mul(2), $double("D").add(1.5));
        };

        List<Row> rows = SparkFrames.of(data).batchRows(10_000).apply(fn).collectAsList();

        DataFrame expected = fn.apply(SparkFramesContract.frameOf(data.collectAsList(), data.schema()));
        List<String> differences = SparkFramesContract.rowDifferences(rows, expected);
        System.out.println("rows " + rows.size() + " differences " + differences);
        // The listener bus delivers its events after the job's end; wait a little for the loss to be counted.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((executorsRemoved.get() == 0 || tasksLost.get() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.println("executors removed " + executorsRemoved.get() + " tasks lost " + tasksLost.get());
    }

    /**
     * On an executor, in the task for the batch of partition 2 that starts at {@link #BLOCKING_ID}, and only until the
     * test has said it killed it: writes this JVM's pid to {@code DIR/blocked} and waits to be killed.
     */
    static void waitToBeKilled(String dir, DataFrame part) {
        if (TaskContext.get() == null || part.height() == 0 || !part.getColumn("id").get(0).equals(BLOCKING_ID)
                || Files.exists(Path.of(dir, "killed"))) {
            return;
        }
        try {
            Path tmp = Path.of(dir, "blocked.tmp");
            Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
            Files.move(tmp, Path.of(dir, "blocked"), StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(TimeUnit.MINUTES.toMillis(3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("partition 2's task waited 3 minutes in executor "
                + ProcessHandle.current().pid() + " and was not killed");
    }
}
