package dev.chunkwise.spark;

import org.apache.spark.sql.SparkSession;

/** One embedded {@code local[2]} session for all the module's tests: starting Spark takes seconds. */
final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = LocalSession.start("local[2]");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }
}
