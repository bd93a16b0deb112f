package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.CsvDialect;
import dev.chunkwise.cli.csv.Quoting;
import picocli.CommandLine.Option;

/**
 * The CSV options that {@code apply} and {@code schema} share beyond the delimiter: the quote and escape characters
 * and the line the header is on. A picocli mixin.
 */
final class QuotingOptions {

    @Option(names = "--quote", paramLabel = "CHAR", description = "The CSV input's quote character (default: \"), "
            + "such as ', or none: no field is quoted and a \" is an ordinary character. Fields the output must "
            + "quote are quoted with it, so that the output reads back with the same options.")
    String quote;

    @Option(names = "--escape", paramLabel = "CHAR", description = "The escape character inside quoted fields, such "
            + "as \\ for MySQL and PostgreSQL exports (\\\" is a quote, \\\\ a backslash; default: none, a quote "
            + "inside a quoted field is doubled, \"\"). Outside quotes it is an ordinary character.")
    String escape;

    @Option(names = "--header-row", paramLabel = "N", defaultValue = "1", description = "The line the header is on "
            + "(default: ${DEFAULT-VALUE}); the lines before it (a title, comments) are skipped as they are and not "
            + "written to the output.")
    int headerRow;

    /**
     * Returns the dialect of these options and the others given.
     *
     * @throws UsageException naming the option at fault
     */
    CsvDialect dialect(Byte delimiter, boolean header, String nullText, Byte outputDelimiter) {
        try {
            return new CsvDialect(delimiter, header, nullText, outputDelimiter, Quoting.parse(quote, escape), headerRow);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
