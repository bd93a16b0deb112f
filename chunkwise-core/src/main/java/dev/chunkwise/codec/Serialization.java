package dev.chunkwise.codec;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns functions, items and results into bytes and back the way they cross to another JVM: Java serialization, with
 * every {@link org.dflib.DataFrame} inside carried in chunkwise's columnar format, and reading through the
 * {@link SerialFilter}. For the backends that move work elsewhere (worker processes, Spark executors); users do not
 * call it.
 *
 * <p>Frames cross in-band, or, given a spill directory, through a file in it when they are larger than 1 MiB: the
 * reader maps the file and, unless the sender {@linkplain #serializeKept keeps} it, deletes it once read.
 */
public final class Serialization {

    private Serialization() {
    }

    /**
     * Serializes {@code value}, every frame in-band.
     *
     * @param value the value, which may be null
     * @param what  names the value in the error, e.g. {@code "The function"}
     * @return the bytes
     * @throws IllegalArgumentException naming the class if something in the graph is not serializable, and what to do
     */
    public static byte[] serialize(Object value, String what) {
        return Payloads.serialize(value, null, what);
    }

    /**
     * Serializes {@code value}; frames larger than 1 MiB go to files in {@code spillDir}, which the reader deletes
     * once it has read them.
     *
     * @param value    the value, which may be null
     * @param spillDir the directory for large frames' files, or null to send every frame in-band
     * @param what     names the value in the error, e.g. {@code "An item"}
     * @return the bytes
     * @throws IllegalArgumentException naming the class if something in the graph is not serializable
     */
    public static byte[] serialize(Object value, Path spillDir, String what) {
        return Payloads.serialize(value, spillDir, what);
    }

    /**
     * Serializes {@code value} as {@link #serialize(Object, Path, String)} does, except that the files of large
     * frames stay the sender's: the reader leaves them, so that the same bytes can be read again (by a fresh worker,
     * when the first one died), until the sender {@linkplain Kept#release() releases} them. If serialization fails
     * halfway, the files already written are deleted.
     *
     * @param value    the value, which may be null
     * @param spillDir the directory for large frames' files
     * @param what     names the value in the error, e.g. {@code "An item"}
     * @return the bytes and the files they need
     * @throws IllegalArgumentException naming the class if something in the graph is not serializable
     */
    public static Kept serializeKept(Object value, Path spillDir, String what) {
        return Payloads.serializeKept(value, spillDir, what);
    }

    /**
     * Reads back what {@link #serialize(Object, String)} wrote, through the filter in force
     * ({@link SerialFilter#get()}).
     *
     * @param bytes what {@code serialize} wrote
     * @return the value
     * @throws IOException            if the bytes are corrupt or a class is refused by the filter
     * @throws ClassNotFoundException if a class is not on this JVM's class path
     */
    public static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        return Payloads.deserialize(bytes, SerialFilter.get());
    }

    /**
     * Reads back what any {@code serialize} method wrote, through {@code filter}; spilled frames are mapped, decoded,
     * and deleted unless the sender keeps them.
     *
     * @param bytes  what a {@code serialize} method wrote
     * @param filter the filter every class and array read passes
     * @return the value
     * @throws IOException            if the bytes are corrupt or a class is refused by the filter
     * @throws ClassNotFoundException if a class is not on this JVM's class path
     */
    public static Object deserialize(byte[] bytes, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        return Payloads.deserialize(bytes, filter);
    }

    /**
     * Reads back what any {@code serialize} method wrote, as {@link #deserialize(byte[], ObjectInputFilter)} does,
     * finding classes through {@code loader} first: the class loader of the function whose results these are, which
     * sees classes that chunkwise's own class loader may not.
     *
     * @param bytes  what a {@code serialize} method wrote
     * @param filter the filter every class and array read passes
     * @param loader the class loader to find classes with first, or null for the usual one
     * @return the value
     * @throws IOException            if the bytes are corrupt or a class is refused by the filter
     * @throws ClassNotFoundException if a class is found neither through {@code loader} nor on this JVM's class path
     */
    public static Object deserialize(byte[] bytes, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        return Payloads.deserialize(bytes, filter, loader);
    }

    /**
     * Serializes {@code e}, the exception a task threw, so that the caller can rethrow it with its class, message,
     * stack trace and causes. An exception that cannot be serialized (it holds something that is not) is sent as a
     * stand-in of the same message and stack trace, naming its class; its causes and suppressed exceptions likewise,
     * so that the chain is never dropped.
     *
     * @param e the exception
     * @return the bytes, which {@link #deserialize(byte[])} reads back as a {@link Throwable}
     */
    public static byte[] serializeThrown(Throwable e) {
        try {
            return Payloads.serialize(e, null, "the exception");
        } catch (RuntimeException notSerializable) {
            return Payloads.serialize(RemoteException.of(e), null, "the exception");
        }
    }

    /**
     * Serialized bytes whose large frames are in {@code files}, kept until {@link #release()}.
     *
     * @param bytes        the serialized value
     * @param files        the files of its large frames, the sender's to delete
     * @param spilledBytes the bytes in those files
     */
    public record Kept(byte[] bytes, List<Path> files, long spilledBytes) {

        /** Deletes the files; the bytes cannot be read after. */
        public void release() {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // The private directory goes when the pool closes.
                }
            }
        }
    }
}
