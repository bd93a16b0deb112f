package dev.chunkwise.process;

import java.io.IOException;

/**
 * Turns functions, items and results into bytes and back the way worker processes receive them: Java serialization,
 * with every {@link org.dflib.DataFrame} inside carried in chunkwise's columnar format, and reading through the
 * {@link SerialFilter}. For backends that move work elsewhere (such as Spark executors).
 */
public final class Serialization {

    private Serialization() {
    }

    /**
     * Serializes {@code value}.
     *
     * @param what names the value in the error, e.g. {@code "The function"}
     * @throws IllegalArgumentException naming the class if something in the graph is not serializable, and what to do
     */
    public static byte[] serialize(Object value, String what) {
        return Payloads.serialize(value, null, what);
    }

    /**
     * Reads back what {@link #serialize} wrote.
     *
     * @throws IOException            if the bytes are corrupt or a class is refused by the filter
     * @throws ClassNotFoundException if a class is not on this JVM's class path
     */
    public static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        return Payloads.deserialize(bytes, SerialFilter.get());
    }
}
