package dev.chunkwise.process;

import dev.chunkwise.codec.Serialization;
import dev.chunkwise.pool.TaskFailedException;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The protocol between the caller and a worker process, every message in one place. On the wire a message is a
 * 4-byte length, a type byte, the message's fixed fields, then its bytes (a serialized value); the length counts what
 * follows the type. Lengths are checked before anything is allocated.
 *
 * <p>The caller sends {@link Init} once, then {@link Define} for each function the worker does not hold yet,
 * {@link Run} for each chunk and finally {@link Exit}. The worker sends {@link Ready} when it has connected, and for
 * each {@code Run} an {@link ItemStarted} before each item (when asked to) and then a {@link Result} or a
 * {@link Failed}.
 */
sealed interface Message {

    /** The largest message accepted: anything bigger is a corrupt stream (large frames go through mapped files). */
    int MAX_LENGTH = Integer.MAX_VALUE - 64;

    byte INIT = 1;
    byte DEFINE = 2;
    byte RUN = 3;
    byte EXIT = 4;
    byte READY = 10;
    byte ITEM_STARTED = 11;
    byte RESULT = 12;
    byte FAILED = 13;

    /** Returns the type byte. */
    byte type();

    /** Returns the size of the fixed fields. */
    default int fieldsSize() {
        return 0;
    }

    /** Puts the fixed fields. */
    default void putFields(ByteBuffer b) {
    }

    /** Returns the serialized value that follows the fields. */
    default byte[] bytes() {
        return new byte[0];
    }

    /** Caller to worker: the serialized initializer ({@link WorkerInitializer}), or no bytes for none. */
    record Init(byte[] bytes) implements Message {
        @Override
        public byte type() {
            return INIT;
        }
    }

    /** Caller to worker: a function to keep under {@code fnId}. */
    record Define(long fnId, byte[] bytes) implements Message {
        @Override
        public byte type() {
            return DEFINE;
        }

        @Override
        public int fieldsSize() {
            return 8;
        }

        @Override
        public void putFields(ByteBuffer b) {
            b.putLong(fnId);
        }
    }

    /**
     * Caller to worker: apply function {@code fnId} to the serialized list of items, the first of which is at
     * {@code firstIndex} in the call's input; if {@code reportItems}, say when each item starts.
     */
    record Run(long taskId, long fnId, long firstIndex, boolean reportItems, byte[] bytes) implements Message {
        @Override
        public byte type() {
            return RUN;
        }

        @Override
        public int fieldsSize() {
            return 25;
        }

        @Override
        public void putFields(ByteBuffer b) {
            b.putLong(taskId).putLong(fnId).putLong(firstIndex).put((byte) (reportItems ? 1 : 0));
        }
    }

    /** Caller to worker: end now. */
    record Exit() implements Message {
        @Override
        public byte type() {
            return EXIT;
        }
    }

    /** Worker to caller: connected, with its pid. */
    record Ready(long pid) implements Message {
        @Override
        public byte type() {
            return READY;
        }

        @Override
        public int fieldsSize() {
            return 8;
        }

        @Override
        public void putFields(ByteBuffer b) {
            b.putLong(pid);
        }
    }

    /** Worker to caller: the item at {@code index} in the call's input starts now. */
    record ItemStarted(long taskId, long index) implements Message {
        @Override
        public byte type() {
            return ITEM_STARTED;
        }

        @Override
        public int fieldsSize() {
            return 16;
        }

        @Override
        public void putFields(ByteBuffer b) {
            b.putLong(taskId).putLong(index);
        }
    }

    /** Worker to caller: the serialized list of results, and how long the function took on the items in all. */
    record Result(long taskId, long workNanos, byte[] bytes) implements Message {
        @Override
        public byte type() {
            return RESULT;
        }

        @Override
        public int fieldsSize() {
            return 16;
        }

        @Override
        public void putFields(ByteBuffer b) {
            b.putLong(taskId).putLong(workNanos);
        }
    }

    /**
     * Worker to caller: the function failed at the item at {@code index}, or the worker could not run it (the
     * initializer failed, the function's class could not be loaded), which is charged to the chunk's first item.
     */
    record Failed(long taskId, long index, byte[] bytes) implements Message {

        /** Returns the failure of {@code e} at {@code index}, serialized with its causes. */
        static Failed of(long taskId, long index, Throwable e) {
            return new Failed(taskId, index, Serialization.serializeThrown(e));
        }

        @Override
        public byte type() {
            return FAILED;
        }

        @Override
        public int fieldsSize() {
            return 16;
        }

        @Override
        public void putFields(ByteBuffer b) {
            b.putLong(taskId).putLong(index);
        }

        /**
         * Returns the failure as the caller reports it: the item's index, and the worker's exception as the cause,
         * its classes found through {@code loader} first (the function's).
         */
        TaskFailedException failure(ObjectInputFilter filter, ClassLoader loader) {
            Throwable thrown;
            try {
                thrown = (Throwable) Serialization.deserialize(bytes, filter, loader);
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                thrown = new IllegalStateException("the worker's exception could not be read: " + e, e);
            }
            return new TaskFailedException(index, thrown);
        }
    }

    /** Writes this message to {@code channel}. The caller makes sure only one thread writes at a time. */
    default void writeTo(SocketChannel channel) throws IOException {
        byte[] bytes = bytes();
        ByteBuffer fields = ByteBuffer.allocate(5 + fieldsSize());
        fields.putInt(fieldsSize() + bytes.length).put(type());
        putFields(fields);
        fields.flip();
        ByteBuffer body = ByteBuffer.wrap(bytes);
        ByteBuffer[] both = {fields, body};
        while (fields.hasRemaining() || body.hasRemaining()) {
            channel.write(both);
        }
    }

    /**
     * Reads the next message from {@code channel}.
     *
     * @throws EOFException if the other side closed the channel
     * @throws IOException  if the stream is corrupt: an unknown type, or a length out of bounds
     */
    static Message readFrom(SocketChannel channel) throws IOException {
        ByteBuffer header = readFully(channel, 5);
        int length = header.getInt();
        byte type = header.get();
        int fixed = fieldsSize(type);
        if (fixed < 0 || length < fixed || length > MAX_LENGTH) {
            throw new IOException("corrupt message from the other side: type " + type + ", length " + length);
        }
        ByteBuffer f = readFully(channel, fixed);
        byte[] bytes = readFully(channel, length - fixed).array();
        return switch (type) {
            case INIT -> new Init(bytes);
            case DEFINE -> new Define(f.getLong(), bytes);
            case RUN -> new Run(f.getLong(), f.getLong(), f.getLong(), f.get() != 0, bytes);
            case EXIT -> new Exit();
            case READY -> new Ready(f.getLong());
            case ITEM_STARTED -> new ItemStarted(f.getLong(), f.getLong());
            case RESULT -> new Result(f.getLong(), f.getLong(), bytes);
            default -> new Failed(f.getLong(), f.getLong(), bytes);
        };
    }

    /** Returns the size of the fixed fields of a message of {@code type}, or -1 for no such type. */
    private static int fieldsSize(byte type) {
        return switch (type) {
            case INIT, EXIT -> 0;
            case DEFINE, READY -> 8;
            case ITEM_STARTED, RESULT, FAILED -> 16;
            case RUN -> 25;
            default -> -1;
        };
    }

    private static ByteBuffer readFully(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the other side closed the channel");
            }
        }
        return buffer.flip();
    }
}
