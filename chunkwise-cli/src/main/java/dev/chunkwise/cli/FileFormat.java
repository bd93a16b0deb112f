package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.Compression;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The file formats the command line reads and writes, told by the file's extension; {@code -} (standard input or
 * output) is CSV.
 */
enum FileFormat {
    CSV, CSV_GZ, CSV_ZST, PARQUET;

    /** How the file is compressed (a Parquet file: not as a whole). */
    Compression compression() {
        return this == CSV_GZ ? Compression.GZIP : this == CSV_ZST ? Compression.ZSTD : Compression.NONE;
    }

    /**
     * Returns the format of {@code file}.
     *
     * @throws UsageException naming the option and the extension if it is not one chunkwise knows
     */
    static FileFormat of(Path file, String option) {
        if (file.toString().equals("-")) {
            return CSV; // standard input or output
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        } else if (name.endsWith(".csv.gz")) {
            return CSV_GZ;
        } else if (name.endsWith(".csv.zst")) {
            return CSV_ZST;
        } else if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        int dot = name.lastIndexOf('.');
        throw new UsageException(option + ": " + file + ": unknown extension '" + (dot < 0 ? "" : name.substring(dot))
                + "' (expected .csv, .csv.gz, .csv.zst or .parquet)");
    }
}
