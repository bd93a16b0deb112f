package dev.chunkwise.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.dflib.BooleanSeries;
import org.dflib.DoubleSeries;
import org.dflib.FloatSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;

import java.lang.reflect.Array;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Spark column types {@link SparkFrames} converts, each with the DFLib column it becomes: int, long, float, double
 * and boolean as primitive series when a batch has no null in the column, as a {@code Series} of the boxed values
 * holding {@code null} when it has; string, date, timestamp and timestamp_ntz as a {@code Series} of {@code String},
 * {@link LocalDate}, {@link Instant} and {@link LocalDateTime}.
 */
enum ColumnType {
    INT(DataTypes.IntegerType, Integer.class, IntSeries.class),
    LONG(DataTypes.LongType, Long.class, LongSeries.class),
    FLOAT(DataTypes.FloatType, Float.class, FloatSeries.class),
    DOUBLE(DataTypes.DoubleType, Double.class, DoubleSeries.class),
    BOOLEAN(DataTypes.BooleanType, Boolean.class, BooleanSeries.class),
    STRING(DataTypes.StringType, String.class, null),
    DATE(DataTypes.DateType, LocalDate.class, null),
    TIMESTAMP(DataTypes.TimestampType, Instant.class, null),
    TIMESTAMP_NTZ(DataTypes.TimestampNTZType, LocalDateTime.class, null);

    private final DataType spark;
    private final Class<?> valueClass;
    /** The primitive DFLib series of this type, or null if it has none. */
    private final Class<?> primitive;

    ColumnType(DataType spark, Class<?> values, Class<?> primitive) {
        this.spark = spark;
        this.valueClass = values;
        this.primitive = primitive;
    }

    DataType spark() {
        return spark;
    }

    /** Returns the class of the values of this type in a DFLib column and in a result's object series. */
    Class<?> valueClass() {
        return valueClass;
    }

    /** Returns the type of a Spark column, if {@link SparkFrames} converts it. */
    static Optional<ColumnType> of(DataType type) {
        return Arrays.stream(values()).filter(t -> t.spark.equals(type)).findFirst();
    }

    /** Returns the type whose values are of {@code valueClass}, if there is one. */
    static Optional<ColumnType> ofValues(Class<?> valueClass) {
        return Arrays.stream(values()).filter(t -> t.valueClass.equals(valueClass)).findFirst();
    }

    /** Returns the type of a primitive DFLib series, if {@code s} is one. */
    static Optional<ColumnType> ofPrimitive(Series<?> s) {
        return Arrays.stream(values()).filter(t -> t.primitive != null && t.primitive.isInstance(s)).findFirst();
    }

    /** Returns the Spark names of the types, for messages: {@code int, bigint, ...}. */
    static String supported() {
        return Arrays.stream(values()).map(t -> t.spark.simpleString()).collect(Collectors.joining(", "));
    }

    /** Returns whether {@code s} is a primitive series of another type than this. */
    boolean isOtherPrimitive(Series<?> s) {
        return ofPrimitive(s).filter(t -> t != this).isPresent();
    }

    /** Returns column {@code c} of {@code rows} as a DFLib series: primitive if no row holds null there. */
    Series<?> column(List<Row> rows, int c) {
        int n = rows.size();
        if (primitive != null && rows.stream().noneMatch(r -> r.isNullAt(c))) {
            return switch (this) {
                case INT -> {
                    int[] a = new int[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = rows.get(i).getInt(c);
                    }
                    yield Series.ofInt(a);
                }
                case LONG -> {
                    long[] a = new long[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = rows.get(i).getLong(c);
                    }
                    yield Series.ofLong(a);
                }
                case FLOAT -> {
                    float[] a = new float[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = rows.get(i).getFloat(c);
                    }
                    yield Series.ofFloat(a);
                }
                case DOUBLE -> {
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = rows.get(i).getDouble(c);
                    }
                    yield Series.ofDouble(a);
                }
                case BOOLEAN -> {
                    boolean[] a = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = rows.get(i).getBoolean(c);
                    }
                    yield Series.ofBool(a);
                }
                default -> throw new IllegalStateException(this + " has no primitive series");
            };
        }
        Object[] a = (Object[]) Array.newInstance(valueClass, n);
        for (int i = 0; i < n; i++) {
            a[i] = fromSpark(rows.get(i).get(c));
        }
        return Series.of(a);
    }

    /**
     * Returns a value as Spark gave it, in this type's class: the legacy {@link Date} and {@link Timestamp} (what Spark
     * gives unless {@code spark.sql.datetime.java8API.enabled}) as {@link LocalDate} and {@link Instant}.
     */
    private static Object fromSpark(Object v) {
        if (v instanceof Date d) {
            return d.toLocalDate();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        return v;
    }

    /** Returns value {@code r} of a series of this type, boxed; {@code s} is this type's primitive series or an object series. */
    Object get(Series<?> s, int r) {
        return switch (this) {
            case INT -> s instanceof IntSeries p ? (Object) p.getInt(r) : s.get(r);
            case LONG -> s instanceof LongSeries p ? (Object) p.getLong(r) : s.get(r);
            case FLOAT -> s instanceof FloatSeries p ? (Object) p.getFloat(r) : s.get(r);
            case DOUBLE -> s instanceof DoubleSeries p ? (Object) p.getDouble(r) : s.get(r);
            case BOOLEAN -> s instanceof BooleanSeries p ? (Object) p.getBool(r) : s.get(r);
            default -> s.get(r);
        };
    }
}
