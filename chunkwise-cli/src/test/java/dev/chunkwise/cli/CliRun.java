package dev.chunkwise.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the chunkwise command line in this JVM, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Chunkwise.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs with the calibration and file-rate cache in {@code cacheDir}, then puts the setting back as it was. */
    static CliRun withCacheDir(java.nio.file.Path cacheDir, String... args) {
        String before = System.getProperty(dev.chunkwise.frame.CalibrationCache.CACHE_DIR);
        System.setProperty(dev.chunkwise.frame.CalibrationCache.CACHE_DIR, cacheDir.toString());
        try {
            return of(args);
        } finally {
            if (before == null) {
                System.clearProperty(dev.chunkwise.frame.CalibrationCache.CACHE_DIR);
            } else {
                System.setProperty(dev.chunkwise.frame.CalibrationCache.CACHE_DIR, before);
            }
        }
    }
}
