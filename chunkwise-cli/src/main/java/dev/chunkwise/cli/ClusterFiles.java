package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.Compression;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The file systems of a cluster run ({@code apply --master spark://…}), through Hadoop's {@link FileSystem}: a local
 * path (which must be on a file system every executor sees), or {@code hdfs://}, {@code s3a://} and any other scheme
 * the Hadoop configuration of the driver and the executors knows. A local path is read and written without Hadoop's
 * {@code .crc} side files.
 */
final class ClusterFiles {

    private ClusterFiles() {
    }

    /** Returns the file system of {@code path}, with the configuration of this JVM's class path. */
    static FileSystem of(Path path) {
        try {
            FileSystem fs = path.getFileSystem(new Configuration());
            return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": no file system for it: " + e.getMessage(), e);
        }
    }

    /** Returns the compression a CSV file's name says ({@code .csv.gz}, {@code .csv.zst}), or null if it is not CSV. */
    static Compression compressionOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") ? Compression.NONE : n.endsWith(".csv.gz") ? Compression.GZIP
                : n.endsWith(".csv.zst") ? Compression.ZSTD : null;
    }

    /** Returns the extension of a file that {@code compression} compresses: {@code .csv}, {@code .csv.gz}, {@code .csv.zst}. */
    static String extension(Compression compression) {
        return switch (compression) {
            case NONE -> ".csv";
            case GZIP -> ".csv.gz";
            case ZSTD -> ".csv.zst";
        };
    }
}
