package dev.chunkwise.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One framed message between the caller and a worker process: a 4-byte payload length, a type byte, an 8-byte id,
 * then the payload. Lengths are checked before anything is allocated.
 *
 * @param type    what the message is (the constants below)
 * @param id      the function's or task's id
 * @param payload the serialized content
 */
record Message(byte type, long id, byte[] payload) {

    // Caller to worker.
    static final byte INIT = 1;     // payload: serialized initializer (Runnable) or empty
    static final byte DEFINE = 2;   // id: function id; payload: serialized function
    static final byte RUN = 3;      // id: task id; payload: function id (8), first index (8), serialized List of items
    static final byte EXIT = 4;     // no payload
    // Worker to caller.
    static final byte READY = 10;   // payload: the worker's pid (8)
    static final byte RESULT = 11;  // id: task id; payload: serialized List of results
    static final byte FAILED = 12;  // id: task id; payload: failed item's index (8), serialized Throwable

    /** The largest payload accepted: anything bigger is a corrupt stream (large frames go through mapped files). */
    static final int MAX_PAYLOAD = Integer.MAX_VALUE - 64;

    private static final int HEADER = 4 + 1 + 8;

    /** Writes this message to {@code channel}. The caller makes sure only one thread writes at a time. */
    void writeTo(SocketChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(payload.length).put(type).putLong(id).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        ByteBuffer[] both = {header, body};
        while (header.hasRemaining() || body.hasRemaining()) {
            channel.write(both);
        }
    }

    /**
     * Reads the next message from {@code channel}.
     *
     * @throws EOFException if the other side closed the channel
     */
    static Message readFrom(SocketChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(channel, header);
        header.flip();
        int length = header.getInt();
        byte type = header.get();
        long id = header.getLong();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("corrupt message from the other side: payload length " + length);
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(channel, body);
        return new Message(type, id, body.array());
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the other side closed the channel");
            }
        }
    }

    static byte[] longs(long a, long b, byte[] rest) {
        return ByteBuffer.allocate(16 + rest.length).putLong(a).putLong(b).put(rest).array();
    }
}
