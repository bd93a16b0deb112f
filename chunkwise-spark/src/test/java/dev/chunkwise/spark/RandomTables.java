package dev.chunkwise.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random tables of every Spark type {@link SparkFrames} converts, with nulls, as Spark rows and as the whole DFLib
 * frame a test expects (built here from the same values, not by the code under test). The same arguments give the
 * same table.
 */
final class RandomTables {

    /** A column type and its random values: edge values of each type are frequent. */
    enum Kind {
        INT(DataTypes.IntegerType), LONG(DataTypes.LongType), FLOAT(DataTypes.FloatType),
        DOUBLE(DataTypes.DoubleType), BOOLEAN(DataTypes.BooleanType), STRING(DataTypes.StringType),
        DATE(DataTypes.DateType), TIMESTAMP(DataTypes.TimestampType), TIMESTAMP_NTZ(DataTypes.TimestampNTZType);

        final DataType spark;

        Kind(DataType spark) {
            this.spark = spark;
        }

        Object random(SplittableRandom r) {
            boolean edge = r.nextInt(8) == 0;
            return switch (this) {
                case INT -> edge ? pick(r, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1) : r.nextInt();
                case LONG -> edge ? pick(r, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L) : r.nextLong();
                case FLOAT -> edge ? pick(r, Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE)
                        : Float.intBitsToFloat(r.nextInt());
                case DOUBLE -> edge ? pick(r, Double.NaN, -0.0, Double.NEGATIVE_INFINITY, Double.MAX_VALUE)
                        : Double.longBitsToDouble(r.nextLong());
                case BOOLEAN -> r.nextBoolean();
                case STRING -> edge ? pick(r, "", " ", "\0", "null") : string(r);
                // 1900-01-01 to 2100-12-31: the proleptic and the hybrid calendars agree there.
                case DATE -> LocalDate.ofEpochDay(r.nextLong(-25_567, 47_482));
                case TIMESTAMP -> Instant.ofEpochSecond(r.nextLong(-2_208_988_800L, 4_133_980_800L),
                        r.nextInt(1_000_000) * 1_000L);
                case TIMESTAMP_NTZ -> LocalDateTime.ofEpochSecond(r.nextLong(-2_208_988_800L, 4_133_980_800L),
                        r.nextInt(1_000_000) * 1_000, ZoneOffset.UTC);
            };
        }

        @SafeVarargs
        private static <T> T pick(SplittableRandom r, T... values) {
            return values[r.nextInt(values.length)];
        }

        private static String string(SplittableRandom r) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(9);
            for (int i = 0; i < n; i++) {
                int cp = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(0x20, 0x7f);
                    case 1 -> r.nextInt(0xa0, 0xd800);
                    case 2 -> r.nextInt(0xe000, 0xfffe);
                    default -> r.nextInt(0x10000, 0x10ffff);
                };
                b.appendCodePoint(cp);
            }
            return b.toString();
        }
    }

    /**
     * A table: its schema, its rows and the same values as a frame of object columns.
     */
    record Table(StructType schema, List<Row> rows, DataFrame frame) {
        @Override
        public String toString() {
            return rows.size() + " rows of " + schema.simpleString();
        }
    }

    private RandomTables() {
    }

    /**
     * Returns a table of {@code rows} rows with one column of each of {@code kinds}, named {@code C0_int}, ...,
     * each value null with probability {@code nullRate}.
     */
    static Table of(List<Kind> kinds, int rows, double nullRate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StructField[] fields = new StructField[kinds.size()];
        String[] labels = new String[kinds.size()];
        Object[][] columns = new Object[kinds.size()][rows];
        for (int c = 0; c < kinds.size(); c++) {
            labels[c] = "C" + c + "_" + kinds.get(c).spark.simpleString();
            fields[c] = DataTypes.createStructField(labels[c], kinds.get(c).spark, true);
            for (int i = 0; i < rows; i++) {
                columns[c][i] = r.nextDouble() < nullRate ? null : kinds.get(c).random(r);
            }
        }
        List<Row> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Object[] values = new Object[kinds.size()];
            for (int c = 0; c < kinds.size(); c++) {
                values[c] = columns[c][i];
            }
            list.add(RowFactory.create(values));
        }
        Series<?>[] series = new Series<?>[kinds.size()];
        for (int c = 0; c < kinds.size(); c++) {
            series[c] = Series.of(columns[c]);
        }
        return new Table(DataTypes.createStructType(fields), list, DataFrame.byColumn(labels).of(series));
    }
}
