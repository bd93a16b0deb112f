package dev.chunkwise.spark;

import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.PoolContractTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pool contract on Spark {@code local[2]}, one session for the whole class. */
class SparkPool_ContractTest extends PoolContractTest {

    static SparkSession session;

    @BeforeAll
    static void startSpark() {
        session = SharedSpark.session();
    }

    @AfterAll
    static void keepSpark() {
        // The session is shared by the module's test classes and stopped when the JVM exits.
    }

    @Override
    protected Pool newPool(int workers) {
        return SparkPool.on(session);
    }
}
