package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.Compression;
import dev.chunkwise.cli.csv.CsvDialect;
import dev.chunkwise.cli.csv.CsvFormatException;
import dev.chunkwise.cli.csv.CsvSchema;
import dev.chunkwise.cli.csv.Delimiters;
import dev.chunkwise.cli.csv.FileBytes;
import dev.chunkwise.cli.csv.Quoting;
import dev.chunkwise.cli.data.ColumnType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code chunkwise schema FILE}: the dialect, the columns and the type each would have for {@code apply}'s
 * expressions, from a sample of the first rows, with a few values of each.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print a CSV file's delimiter, line end and columns, with the type an expression would see for "
                + "each and a few of its values, from its first rows (a megabyte by default): quickly, before an apply.",
        footer = "%nExample: chunkwise schema data.csv")
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file (.csv, .csv.gz or .csv.zst), or - for standard input (gzip or Zstandard recognised).")
    Path input;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "The field delimiter (default: detected).")
    String delimiter;

    @Option(names = "--no-header", description = "The first row is data: the columns are named c1, c2, ….")
    boolean noHeader;

    @Mixin
    QuotingOptions quoting;

    @Option(names = "--null", paramLabel = "TEXT", description = "The field that means a missing value, such as NA.")
    String nullText;

    @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8", description = "The file's encoding (default: UTF-8).")
    String encoding;

    @Option(names = "--sample-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "How much of the file's start to read (default: 1 MiB).")
    int sampleBytes;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            FileFormat format = FileFormat.of(input, "FILE");
            if (format == FileFormat.PARQUET) {
                throw new UsageException("FILE " + input + ": schema reads CSV files (.csv, .csv.gz, .csv.zst)");
            }
            if (sampleBytes <= 0) {
                throw new UsageException("--sample-bytes: " + sampleBytes + " (expected: > 0)");
            }
            Charset charset;
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--encoding " + encoding + ": unknown encoding");
            }
            CsvDialect dialect;
            try {
                dialect = quoting.dialect(delimiter == null ? null : Delimiters.parse(delimiter), !noHeader,
                        nullText, null);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            String name = StreamedApply.isStandard(input) ? "standard input" : input.toString();
            InputStream in = StreamedApply.isStandard(input)
                    ? Compression.detected(System.in)
                    : FileBytes.openStream(input, name, format.compression());
            print(CsvSchema.read(in, name, charset, dialect, sampleBytes), dialect, out);
            return 0;
        } catch (UsageException e) {
            err.println("chunkwise schema: " + e.getMessage());
            return Chunkwise.USAGE;
        } catch (CsvFormatException | IllegalArgumentException | IOException e) {
            err.println("chunkwise schema: " + e.getMessage());
            return Chunkwise.FAILED;
        } finally {
            err.flush();
            out.flush();
        }
    }

    /** Says how the file was read where the options changed it: quotes, escapes, where the header is. */
    private static String quoting(CsvDialect dialect) {
        Quoting q = dialect.quoting();
        StringBuilder sb = new StringBuilder();
        if (!q.quotes()) {
            sb.append(", no quoting");
        } else if (q.quote() != '"') {
            sb.append(", quote '").append((char) q.quote()).append('\'');
        }
        if (q.escape() != Quoting.NONE) {
            sb.append(", escape '").append((char) q.escape()).append('\'');
        }
        if (!dialect.header()) {
            sb.append(", no header");
        } else if (dialect.headerRow() > 1) {
            sb.append(", header on line ").append(dialect.headerRow());
        }
        return sb.toString();
    }

    private static void print(CsvSchema s, CsvDialect dialect, PrintWriter out) {
        out.println("delimiter " + Delimiters.name(s.delimiter()) + ", line end " + s.lineEnd()
                + (s.bom() ? ", UTF-8 byte-order mark" : "") + quoting(dialect) + "; "
                + String.format(Locale.ROOT, "%,d", s.rows())
                + " rows " + (s.whole() ? "(the whole file)" : "sampled (the file's first rows)"));
        int width = "column".length();
        for (CsvSchema.Column c : s.columns()) {
            width = Math.max(width, c.name().length());
        }
        String row = "%-" + width + "s  %-7s  %s%n";
        out.printf(Locale.ROOT, row, "column", "type", "values, and why the type");
        for (CsvSchema.Column c : s.columns()) {
            String type = c.mixed() ? "mixed" : c.type() == ColumnType.STRING ? "text"
                    : c.type().javaName();
            out.printf(Locale.ROOT, row, c.name(), type, String.join(", ", c.samples()) + " (" + c.why() + ")");
        }
    }
}
