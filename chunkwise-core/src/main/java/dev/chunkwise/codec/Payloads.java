package dev.chunkwise.codec;

import org.dflib.DataFrame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns functions, items and results into bytes for a worker process and back. Java serialization carries the object
 * graph; every {@link DataFrame} inside it travels in chunkwise's columnar format ({@link FrameCodec}), in-band when
 * small and through a file in the spill directory (written, then mapped by the reader) when large.
 */
final class Payloads {

    /** Frames larger than this go through a memory-mapped file rather than the socket. */
    static final long SPILL_BYTES = 1 << 20;

    /** Spilled frames up to this size are encoded on the heap and written; larger ones straight into a mapping. */
    static final long WRITE_BYTES = 64L << 20;

    private static final AtomicLong SPILLS = new AtomicLong();
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private Payloads() {
    }

    /**
     * Serializes {@code value}; large frames inside it are written to files in {@code spillDir} (none if null), which
     * the reader deletes once it has mapped them.
     *
     * @throws IllegalArgumentException naming the class if something in the graph is not serializable
     */
    static byte[] serialize(Object value, Path spillDir, String what) {
        return write(value, spillDir, what, null, new long[1]);
    }

    /**
     * Serializes {@code value} as {@link #serialize} does, except that the files of large frames are the sender's:
     * the reader leaves them, so that the same bytes can be read again (by a fresh worker, when the first one died),
     * until the sender {@linkplain Serialization.Kept#release() releases} them.
     *
     * @throws IllegalArgumentException naming the class if something in the graph is not serializable
     */
    static Serialization.Kept serializeKept(Object value, Path spillDir, String what) {
        List<Path> files = new ArrayList<>();
        long[] spilled = new long[1];
        try {
            byte[] bytes = write(value, spillDir, what, files, spilled);
            return new Serialization.Kept(bytes, List.copyOf(files), spilled[0]);
        } catch (RuntimeException e) {
            new Serialization.Kept(new byte[0], files, 0).release();
            throw e;
        }
    }

    /**
     * Serializes {@code value}; spilled files go to {@code kept} if given (the sender's), else to the reader, and
     * their bytes are added to {@code spilled[0]}.
     */
    private static byte[] write(Object value, Path spillDir, String what, List<Path> kept, long[] spilled) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FrameReplacingOutput out = new FrameReplacingOutput(bytes, spillDir, kept, spilled)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException(what + " cannot be sent to a worker process: it holds a "
                    + e.getMessage() + ", which is not Serializable. Make that class implement java.io.Serializable, "
                    + "mark the field transient, or create the value inside the function.", e);
        } catch (InvalidClassException e) {
            throw new IllegalArgumentException(what + " cannot be sent to a worker process: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not be serialized", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads back what {@link #serialize} or {@link #serializeKept} wrote, through {@code filter}; spilled frames are
     * mapped, decoded, and deleted unless the sender keeps them.
     */
    static Object deserialize(byte[] bytes, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        return deserialize(bytes, filter, null);
    }

    /**
     * Reads back what {@link #serialize} or {@link #serializeKept} wrote, as {@link #deserialize(byte[],
     * ObjectInputFilter)} does. Classes are found through {@code loader} first, if not null.
     */
    static Object deserialize(byte[] bytes, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        try (FrameResolvingInput in = new FrameResolvingInput(new ByteArrayInputStream(bytes),
                SerialFilter.boundedBy(filter, bytes.length), loader)) {
            return in.readObject();
        }
    }

    /**
     * A frame as it crosses: its encoded bytes, or the file that holds them, which the reader deletes when
     * {@code readerDeletes}.
     */
    record FramePayload(byte[] bytes, String file, long size, boolean readerDeletes) implements Serializable {
        DataFrame decode(ObjectInputFilter filter) throws IOException {
            if (bytes != null) {
                return FrameCodec.decode(ByteBuffer.wrap(bytes), filter);
            }
            Path path = Path.of(file);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                return FrameCodec.decode(map, filter);
            } finally {
                if (readerDeletes) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static final class FrameReplacingOutput extends ObjectOutputStream {
        private final Path spillDir;
        private final List<Path> kept;
        private final long[] spilled;

        FrameReplacingOutput(ByteArrayOutputStream out, Path spillDir, List<Path> kept, long[] spilled)
                throws IOException {
            super(out);
            this.spillDir = spillDir;
            this.kept = kept;
            this.spilled = spilled;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) throws IOException {
            if (!(obj instanceof DataFrame df)) {
                return obj;
            }
            FrameCodec.Encoded encoded = FrameCodec.prepare(df);
            if (spillDir == null || encoded.size() < SPILL_BYTES) {
                return new FramePayload(encoded.toBytes(), null, encoded.size(), false);
            }
            Path file = spillDir.resolve("frame-" + ProcessHandle.current().pid() + "-" + SPILLS.incrementAndGet());
            spilled[0] += encoded.size();
            if (kept != null) {
                kept.add(file);
            }
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE), OWNER_ONLY)) {
                if (encoded.size() <= WRITE_BYTES) {
                    // Written, not mapped: writing into a fresh mapping faults in (and zeroes) every page of it first;
                    // a write fills the file's pages directly (10 % faster to a worker and back, TransportBenchmark).
                    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(encoded.size()));
                    encoded.writeTo(buffer);
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                } else {
                    // Too large to copy on the heap as well: encode straight into a mapping of the file.
                    MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, encoded.size());
                    encoded.writeTo(map);
                }
            }
            return new FramePayload(null, file.toString(), encoded.size(), kept == null);
        }
    }

    private static final class FrameResolvingInput extends ObjectInputStream {
        private final ObjectInputFilter filter;
        private final ClassLoader loader;

        FrameResolvingInput(ByteArrayInputStream in, ObjectInputFilter filter, ClassLoader loader) throws IOException {
            super(in);
            this.filter = filter;
            this.loader = loader;
            setObjectInputFilter(filter);
            enableResolveObject(true);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // A primitive type, or a class the usual loader finds.
                }
            }
            return super.resolveClass(desc);
        }

        @Override
        protected Object resolveObject(Object obj) throws IOException {
            if (obj instanceof FramePayload p) {
                try {
                    return p.decode(filter);
                } catch (RuntimeException e) {
                    throw (ObjectStreamException) new StreamCorruptedException(e.getMessage()).initCause(e);
                }
            }
            return obj;
        }
    }
}
