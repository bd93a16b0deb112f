package dev.chunkwise.cli.csv;

import com.github.luben.zstd.ZstdIOException;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a CSV file, decompressed if it is gzip, whole ({@link #load}: the form the parallel reader splits) or as a
 * stream ({@link #openStream}: for {@link CsvStream}), with the file's faults in plain words.
 */
public final class FileBytes {

    private FileBytes() {
    }

    /**
     * Returns the bytes of {@code file}, decompressed first when {@code gzip}.
     *
     * @param name the file's name in messages
     * @throws CsvFormatException naming the file if it is missing, a directory, unreadable, too large for the heap or
     *                            not valid gzip
     */
    static byte[] load(Path file, String name, Compression compression) {
        try (InputStream in = open(file, name, compression)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw fault(e, name);
        } catch (OutOfMemoryError e) {
            throw new CsvFormatException(name, "is too large for this JVM's heap; give it more with CHUNKWISE_OPTS=-Xmx…, "
                    + "or read it as a stream (--stream)");
        }
    }

    /**
     * Opens {@code file} for reading from its start, decompressing it when {@code gzip}: a stream whose faults
     * {@link #fault} puts in plain words.
     *
     * @throws CsvFormatException naming the file if it is missing, a directory, unreadable or not valid gzip
     */
    public static InputStream openStream(Path file, String name, Compression compression) {
        try {
            return open(file, name, compression);
        } catch (IOException e) {
            throw fault(e, name);
        }
    }

    private static InputStream open(Path file, String name, Compression compression) throws IOException {
        if (Files.isDirectory(file)) {
            throw new CsvFormatException(name, "is a directory, not a file");
        }
        // A FIFO's channel cannot tell its position, which GZIPInputStream asks for at the end of a member: a FIFO is
        // read as a plain FileInputStream.
        InputStream in = Files.isRegularFile(file) ? Files.newInputStream(file) : new FileInputStream(file.toFile());
        try {
            return compression.decompress(in);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** Says what is wrong with reading the file named {@code name}, in plain words. */
    static CsvFormatException fault(IOException e, String name) {
        if (e instanceof NoSuchFileException || e instanceof FileNotFoundException) {
            return new CsvFormatException(name, "no such file");
        } else if (e instanceof AccessDeniedException) {
            return new CsvFormatException(name, "cannot be read: permission denied");
        } else if (e instanceof ZipException) {
            return new CsvFormatException(name, "is not a valid gzip file (" + e.getMessage() + ")");
        } else if (e instanceof ZstdIOException) {
            return new CsvFormatException(name, "is not a valid Zstandard file (" + e.getMessage() + ")");
        }
        return new CsvFormatException(name, "cannot be read: " + e.getMessage());
    }
}
