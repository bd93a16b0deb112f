package dev.chunkwise.cli;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the splits of a cluster run's input on the driver, from the file system's listing alone (no byte of the data
 * is read): a CSV file ({@code .csv}, {@code .csv.gz}, {@code .csv.zst}), a directory of them, or a glob
 * ({@code data/part-*.csv}), in the order of their names.
 *
 * <h2>One split per file</h2>
 * A quoted field may hold a line break, so a task that starts reading at a byte offset in the middle of a file
 * cannot tell whether it starts inside quotes: a split that began there could read half a row as a row, and be wrong
 * without knowing it. So a file is never cut: each is one split (a compressed file could not be cut anyway), and the
 * parallelism is the number of files, as with the part files a cluster's jobs write. A large single file is read by
 * one task; write it as parts to spread it.
 */
final class InputSplits {

    private InputSplits() {
    }

    /**
     * Returns the splits of {@code input}, in order.
     *
     * @throws JobFailedException naming the input if it does not exist, holds no CSV file, or cannot be listed
     */
    static List<InputSplit> of(String input) {
        FileSystem fs = ClusterFiles.of(new Path(input));
        Path path = fs.makeQualified(new Path(input)); // executors have other working directories
        try {
            List<FileStatus> files = new ArrayList<>();
            boolean glob = input.matches(".*[*?\\[{].*");
            if (glob) {
                FileStatus[] matched = fs.globStatus(path);
                for (FileStatus s : matched == null ? new FileStatus[0] : matched) {
                    if (s.isFile() && isData(s.getPath().getName())) {
                        files.add(s);
                    }
                }
            } else if (!fs.exists(path)) {
                throw new JobFailedException(input + ": no such file or directory");
            } else if (fs.getFileStatus(path).isDirectory()) {
                for (FileStatus s : fs.listStatus(path)) {
                    if (s.isFile() && isData(s.getPath().getName())) {
                        files.add(s);
                    }
                }
            } else {
                FileStatus s = fs.getFileStatus(path);
                if (ClusterFiles.compressionOf(s.getPath().getName()) == null) {
                    throw new JobFailedException(input + ": not a CSV file (expected .csv, .csv.gz or .csv.zst, or a "
                            + "directory of them)");
                }
                return List.of(new InputSplit(0, s.getPath().toString(), input, s.getLen(),
                        ClusterFiles.compressionOf(s.getPath().getName())));
            }
            if (files.isEmpty()) {
                throw new JobFailedException(input + ": no .csv, .csv.gz or .csv.zst file " + (glob ? "matches it"
                        : "in it") + " (names starting with _ or . are skipped, as Spark skips them)");
            }
            files.sort(Comparator.comparing(s -> s.getPath().getName()));
            List<InputSplit> splits = new ArrayList<>();
            String base = glob ? null : input.endsWith("/") ? input : input + "/";
            for (FileStatus s : files) {
                String name = s.getPath().getName();
                splits.add(new InputSplit(splits.size(), s.getPath().toString(),
                        base != null ? base + name : display(s.getPath(), input), s.getLen(),
                        ClusterFiles.compressionOf(name)));
            }
            return splits;
        } catch (IOException e) {
            throw new JobFailedException(input + ": cannot be listed: " + e.getMessage());
        }
    }

    /** Returns whether a directory's entry is a data file: CSV by its name, not hidden, not Spark's {@code _SUCCESS}. */
    private static boolean isData(String name) {
        return !name.startsWith("_") && !name.startsWith(".") && ClusterFiles.compressionOf(name) != null;
    }

    /** Names a file a glob matched as the user wrote the glob: a path without a scheme if the glob had none. */
    private static String display(Path p, String glob) {
        return glob.contains("://") || glob.startsWith("file:") ? p.toString() : p.toUri().getPath();
    }
}
