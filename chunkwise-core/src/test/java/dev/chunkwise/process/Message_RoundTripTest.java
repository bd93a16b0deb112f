package dev.chunkwise.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every message of the worker protocol, written to a real Unix-domain socket and read back. */
@Timeout(30)
class Message_RoundTripTest {

    @Test
    void everyMessage_readsBackEqual(@TempDir Path dir) throws IOException {
        byte[] bytes = {1, 2, 3, 4, 5};
        List<Message> all = List.of(new Message.Init(bytes), new Message.Init(new byte[0]),
                new Message.Define(7, bytes), new Message.Run(8, 7, 1_000_000_000_000L, true, bytes),
                new Message.Run(9, 7, 0, false, new byte[0]), new Message.Exit(), new Message.Ready(4242),
                new Message.ItemStarted(8, 1_000_000_000_003L), new Message.Result(8, 123_456_789, bytes),
                new Message.Failed(8, 42, bytes));

        try (Pair pair = Pair.open(dir)) {
            for (Message m : all) {
                m.writeTo(pair.a);
                Message back = Message.readFrom(pair.b);
                assertThat(back).as(m.getClass().getSimpleName()).usingRecursiveComparison().isEqualTo(m);
            }
        }
    }

    @Test
    void corruptLengthOrType_isRefusedBeforeAllocating(@TempDir Path dir) throws IOException {
        try (Pair pair = Pair.open(dir)) {
            pair.a.write(ByteBuffer.allocate(5).putInt(-1).put(Message.RESULT).flip());
            assertThatThrownBy(() -> Message.readFrom(pair.b)).isInstanceOf(IOException.class)
                    .hasMessage("corrupt message from the other side: type 12, length -1");

            pair.a.write(ByteBuffer.allocate(5).putInt(8).put((byte) 99).flip());
            assertThatThrownBy(() -> Message.readFrom(pair.b)).isInstanceOf(IOException.class)
                    .hasMessage("corrupt message from the other side: type 99, length 8");
        }
    }

    @Test
    void channelClosedMidMessage_isEndOfFile(@TempDir Path dir) throws IOException {
        try (Pair pair = Pair.open(dir)) {
            pair.a.write(ByteBuffer.allocate(5).putInt(100).put(Message.DEFINE).flip());
            pair.a.close();

            assertThatThrownBy(() -> Message.readFrom(pair.b)).isInstanceOf(EOFException.class);
        }
    }

    /** Two ends of a Unix-domain socket. */
    private record Pair(SocketChannel a, SocketChannel b) implements AutoCloseable {
        static Pair open(Path dir) throws IOException {
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(dir.resolve("test.sock")));
                SocketChannel a = SocketChannel.open(server.getLocalAddress());
                return new Pair(a, server.accept());
            }
        }

        @Override
        public void close() throws IOException {
            a.close();
            b.close();
        }
    }
}
