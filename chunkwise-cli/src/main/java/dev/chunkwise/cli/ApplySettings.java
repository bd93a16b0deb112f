package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.CsvDialect;
import dev.chunkwise.cli.data.ColumnType;
import dev.chunkwise.cli.expr.Assignment;
import dev.chunkwise.frame.PartitionFunction;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of an {@link ApplyJob}, in groups that say what they are for: how the input is read, where the output
 * goes, what computes, where it runs and what is reported. {@link ApplyCommand} makes them from its options, after
 * checking them with messages for the user; the records check again only what would make the job wrong.
 */
final class ApplySettings {

    private ApplySettings() {
    }

    /**
     * How the input is read.
     *
     * @param file    the file
     * @param format  its format, from its extension
     * @param charset a CSV file's encoding
     * @param types     the types {@code --type} gives columns, by name
     * @param dialect a CSV file's delimiter (or none, to detect it), header and null text
     */
    record Source(Path file, FileFormat format, Charset charset, Map<String, ColumnType> types, CsvDialect dialect) {
        Source {
            types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        }
    }

    /**
     * Where the output goes.
     *
     * @param file   the file, replaced only when the run succeeds
     * @param format its format, from its extension
     */
    record Target(Path file, FileFormat format) {
    }

    /**
     * What computes the new columns: {@code --with} assignments, or a class of the user's given by {@code --apply}.
     *
     * @param assignments  the assignments, in order; empty with {@code --apply}
     * @param userClass    the {@code --apply} class's name, for messages; null with {@code --with}
     * @param userFunction the {@code --apply} class's instance; null with {@code --with}
     */
    record Computation(List<Assignment> assignments, String userClass, PartitionFunction userFunction) {
        /**
         * @throws IllegalArgumentException unless there are either assignments or a user function
         */
        Computation {
            assignments = List.copyOf(assignments);
            if (assignments.isEmpty() == (userFunction == null)) {
                throw new IllegalArgumentException("assignments: " + assignments.size() + ", userFunction: "
                        + userClass + " (expected: assignments or a user function, not both or neither)");
            }
        }
    }

    /**
     * Where the work runs.
     *
     * @param backend    the backend that computes ({@code auto}: the planner chooses)
     * @param master     a Spark master's URL, or null
     * @param workers    the workers that compute, and the threads that read and write
     * @param partitions the partitions of the data
     * @param planned    whether the planner chooses the backend, the workers and the partitions (none was given)
     * @param partitionsGiven whether {@code --partitions} was given: else a backend given computes in the pieces
     *                        the planner chooses for it, as {@code Parallel.apply(df, fn).on(pool)} does
     */
    record Placement(Backend backend, String master, int workers, int partitions, boolean planned,
                     boolean partitionsGiven) {
        /**
         * @throws IllegalArgumentException if {@code workers} or {@code partitions} is not positive
         */
        Placement {
            if (workers <= 0 || partitions <= 0) {
                throw new IllegalArgumentException("workers: " + workers + ", partitions: " + partitions
                        + " (expected: both > 0)");
            }
        }
    }

    /**
     * What is reported besides the output.
     *
     * @param explain  whether to print the plan, the column types and the time of each step to standard error
     * @param progress whether to show a progress bar (only ever on a terminal)
     * @param trace    a Chrome trace file to write, or null
     * @param timeline an SVG timeline to write, or null
     */
    record Reports(boolean explain, boolean progress, Path trace, Path timeline) {
    }
}
