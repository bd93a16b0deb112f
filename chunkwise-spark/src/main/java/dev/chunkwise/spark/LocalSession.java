package dev.chunkwise.spark;

import org.apache.spark.sql.SparkSession;

/** Starts the Spark sessions chunkwise owns: on loopback, no web UI, quiet logging unless asked otherwise. */
final class LocalSession {

    /** Set to {@code true} to keep Spark's own logging (INFO) rather than chunkwise's WARN. */
    static final String VERBOSE = "chunkwise.spark.verbose";

    private LocalSession() {
    }

    static SparkSession start(String master) {
        if (!Boolean.getBoolean(VERBOSE)) {
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        }
        SparkSession.Builder b = SparkSession.builder().master(master).appName("chunkwise")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.getOrCreate();
    }
}
