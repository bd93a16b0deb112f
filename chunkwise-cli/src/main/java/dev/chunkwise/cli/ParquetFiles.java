package dev.chunkwise.cli;

import dev.chunkwise.cli.csv.ColumnType;
import dev.chunkwise.cli.csv.CsvFormatException;
import dev.chunkwise.cli.csv.SafeOutput;
import org.dflib.BooleanSeries;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.dflib.parquet.Parquet;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Parquet files for the command line, through DFLib's Parquet module (read and written sequentially). */
final class ParquetFiles {

    private ParquetFiles() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws CsvFormatException naming the file if it is missing or not a Parquet file
     */
    static DataFrame read(Path file) {
        if (!Files.exists(file)) {
            throw new CsvFormatException(file.toString(), "no such file");
        }
        try {
            return Parquet.load(file);
        } catch (RuntimeException e) {
            throw new CsvFormatException(file.toString(), "cannot be read as Parquet: " + rootMessage(e));
        }
    }

    /** Writes {@code df} to the temporary file of {@code out}, which the caller commits. */
    static void write(DataFrame df, SafeOutput out) {
        Parquet.saver().save(df, out.temporaryFile());
    }

    /** Returns the type an expression sees for {@code s}: a number with missing values is a double (NaN). */
    static ColumnType typeOf(Series<?> s) {
        if (s instanceof IntSeries) {
            return ColumnType.INT;
        } else if (s instanceof LongSeries) {
            return ColumnType.LONG;
        } else if (s instanceof DoubleSeries) {
            return ColumnType.DOUBLE;
        } else if (s instanceof BooleanSeries) {
            return ColumnType.BOOLEAN;
        }
        boolean nulls = false;
        Class<?> common = null;
        for (int i = 0; i < s.size(); i++) {
            Object v = s.get(i);
            if (v == null) {
                nulls = true;
            } else if (common == null) {
                common = v.getClass();
            } else if (common != v.getClass()) {
                return ColumnType.STRING;
            }
        }
        if (common == Integer.class) {
            return nulls ? ColumnType.DOUBLE : ColumnType.INT;
        } else if (common == Long.class) {
            return nulls ? ColumnType.DOUBLE : ColumnType.LONG;
        } else if (common == Double.class || common == Float.class) {
            return ColumnType.DOUBLE;
        } else if (common == Boolean.class && !nulls) {
            return ColumnType.BOOLEAN;
        }
        return ColumnType.STRING;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
