package dev.chunkwise.cli;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/**
 * Where a cluster run's output appears, and only whole: the executors write the part files into a hidden temporary
 * directory beside it ({@code .NAME.chunkwise-UUID}), and the driver commits by writing {@code _SUCCESS} there and
 * renaming the directory to its name; one file, when asked, is the parts copied in order into a hidden temporary file
 * that is then renamed. A run that fails or is interrupted (SIGINT, SIGTERM: a shutdown hook) deletes the temporary
 * directory; the output's name never holds anything but a whole output.
 */
final class OutputDirectory implements AutoCloseable {

    private final String target;
    private final Path output;
    private final Path temporary;
    private final FileSystem fs;
    private final Thread cleanup;
    private boolean done;

    private OutputDirectory(String target, Path output, Path temporary, FileSystem fs) {
        this.target = target;
        this.output = output;
        this.temporary = temporary;
        this.fs = fs;
        this.cleanup = new Thread(this::deleteTemporary, "chunkwise-output-cleanup");
    }

    /**
     * Makes the temporary directory beside {@code target}.
     *
     * @param singleFile whether the output is one file (replaced if it exists) rather than a directory
     * @throws JobFailedException if the output is a directory that exists already, or cannot be made
     */
    static OutputDirectory open(String target, boolean singleFile) throws IOException {
        FileSystem fs = ClusterFiles.of(new Path(target));
        Path output = fs.makeQualified(new Path(target)); // executors have other working directories
        if (fs.exists(output) && (!singleFile || fs.getFileStatus(output).isDirectory())) {
            throw new JobFailedException(target + " exists already; remove it or give another -o (a cluster run "
                    + "writes a new directory of part files" + (singleFile ? ", or with --single-file a file" : "")
                    + ")");
        }
        Path parent = output.getParent();
        if (parent != null && !fs.exists(parent)) {
            throw new JobFailedException(target + ": its directory " + parent + " does not exist");
        }
        Path temporary = new Path(parent, "." + output.getName() + ".chunkwise-" + UUID.randomUUID());
        if (!fs.mkdirs(temporary)) {
            throw new JobFailedException(target + ": cannot make the temporary directory " + temporary);
        }
        OutputDirectory d = new OutputDirectory(target, output, temporary, fs);
        Runtime.getRuntime().addShutdownHook(d.cleanup);
        return d;
    }

    /** Returns the temporary directory, as Hadoop names it, where the parts go. */
    String temporary() {
        return temporary.toString();
    }

    /**
     * Commits the parts named {@code parts}, in order: as a directory holding them and {@code _SUCCESS}, or
     * concatenated into one file.
     *
     * @throws JobFailedException if a part is missing, or the rename fails
     */
    void commit(List<String> parts, boolean singleFile) throws IOException {
        for (String p : parts) {
            if (!fs.exists(new Path(temporary, p))) {
                throw new JobFailedException(target + ": the part " + p + " was not written; nothing was committed");
            }
        }
        fs.delete(new Path(temporary, ApplyTask.ATTEMPTS), true);
        if (singleFile) {
            Path file = new Path(output.getParent(), "." + output.getName() + ".chunkwise-" + UUID.randomUUID());
            try (OutputStream out = fs.create(file, false)) {
                for (String p : parts) {
                    try (InputStream in = fs.open(new Path(temporary, p))) {
                        in.transferTo(out);
                    }
                }
            } catch (IOException | RuntimeException e) {
                fs.delete(file, false);
                throw e;
            }
            if (fs.exists(output)) {
                fs.delete(output, false);
            }
            rename(file, output);
            fs.delete(temporary, true);
        } else {
            fs.create(new Path(temporary, "_SUCCESS"), false).close();
            rename(temporary, output);
        }
        done = true;
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new JobFailedException(target + ": could not rename " + from + " to it; nothing was committed");
        }
    }

    private void deleteTemporary() {
        if (!done) {
            try {
                fs.delete(temporary, true);
            } catch (IOException e) {
                System.err.println("chunkwise apply: could not delete " + temporary + ": " + e.getMessage());
            }
        }
    }

    /** Deletes the temporary directory unless the output was committed. */
    @Override
    public void close() {
        deleteTemporary();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs, or ran, the same deletion.
        }
    }
}
