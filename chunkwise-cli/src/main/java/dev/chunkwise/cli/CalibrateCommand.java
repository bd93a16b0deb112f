package dev.chunkwise.cli;

import dev.chunkwise.plan.Calibration;
import dev.chunkwise.frame.CalibrationCache;
import picocli.CommandLine.Command;
import dev.chunkwise.spark.SparkCalibration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code chunkwise calibrate}: measures what concurrency costs on this machine, caches it and prints it. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure what concurrency costs on this machine (starting workers, dispatching tasks, moving "
                + "data to worker processes, combining results), cache the figures for the planner, and print them.")
final class CalibrateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--spark", description = "Also measure an embedded Spark session's start, a job on it and each further task of a job (a few seconds).")
    boolean spark;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        CalibrationCache.remeasure();
        Calibration c = spark ? SparkCalibration.measureAndSave() : CalibrationCache.get(true);
        out.println(c);
        Path file = CalibrationCache.file();
        out.println("cached in: " + (file == null ? "(memory only: no home or cache directory)" : file));
        out.flush();
    }
}
