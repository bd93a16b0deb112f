package dev.chunkwise.cli.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Loads a CSV file's bytes whole, the one form the parallel reader splits, with the file's faults in plain words. */
final class FileBytes {

    private FileBytes() {
    }

    /**
     * Returns the bytes of {@code file}, decompressed first when {@code gzip}.
     *
     * @param name the file's name in messages
     * @throws CsvFormatException naming the file if it is missing, a directory, unreadable, too large for the heap or
     *                            not valid gzip
     */
    static byte[] load(Path file, String name, boolean gzip) {
        try {
            if (Files.isDirectory(file)) {
                throw new CsvFormatException(name, "is a directory, not a file");
            }
            if (gzip) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(name, "no such file");
        } catch (AccessDeniedException e) {
            throw new CsvFormatException(name, "cannot be read: permission denied");
        } catch (OutOfMemoryError e) {
            throw new CsvFormatException(name, "is too large for this JVM's heap; give it more with CHUNKWISE_OPTS=-Xmx…");
        } catch (ZipException e) {
            throw new CsvFormatException(name, "is not a valid gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CsvFormatException(name, "cannot be read: " + e.getMessage());
        }
    }
}
