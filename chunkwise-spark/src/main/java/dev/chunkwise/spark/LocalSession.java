package dev.chunkwise.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark sessions chunkwise owns: on loopback, no web UI, and logging at WARN unless the program configures
 * log4j2 itself or asks for Spark's own ({@link SparkLogging}).
 */
final class LocalSession {

    /** Set to {@code true} for Spark's own logging (INFO) rather than chunkwise's WARN. */
    static final String VERBOSE = "chunkwise.spark.verbose";

    private LocalSession() {
    }

    static SparkSession start(String master) {
        if (hasLog4jCore()) {
            SparkLogging.configure(Boolean.getBoolean(VERBOSE), master.startsWith("local"));
        }
        SparkSession.Builder b = SparkSession.builder().master(master).appName("chunkwise")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.getOrCreate();
    }

    /** Returns whether log4j-core, whose configuration chunkwise sets, is on Spark's class path. */
    private static boolean hasLog4jCore() {
        try {
            Class.forName("org.apache.logging.log4j.core.LoggerContext", false, SparkSession.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
