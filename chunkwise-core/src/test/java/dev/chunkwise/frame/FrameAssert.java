package dev.chunkwise.frame;

import org.assertj.core.api.AbstractAssert;
import org.dflib.DataFrame;
import org.dflib.Series;

import java.util.Arrays;
import java.util.Objects;

/**
 * AssertJ assertions on DFLib frames that say what differs: the column names, the heights, or the first cell whose
 * values differ, with both values (DFLib's own {@code equals} compares identity).
 */
public final class FrameAssert extends AbstractAssert<FrameAssert, DataFrame> {

    private FrameAssert(DataFrame actual) {
        super(actual, FrameAssert.class);
    }

    /** Starts an assertion on {@code actual}. */
    public static FrameAssert assertThatFrame(DataFrame actual) {
        return new FrameAssert(actual);
    }

    /** Asserts that the frame has {@code expected}'s column names, in order, its height and equal values. */
    public FrameAssert hasSameContentAs(DataFrame expected) {
        isNotNull();
        String[] a = actual.getColumnsIndex().toArray();
        String[] e = expected.getColumnsIndex().toArray();
        if (!Arrays.equals(a, e)) {
            failWithMessage("%sexpected the columns %s but were %s", prefix(), Arrays.toString(e), Arrays.toString(a));
        }
        if (actual.height() != expected.height()) {
            failWithMessage("%sexpected %d rows but were %d", prefix(), expected.height(), actual.height());
        }
        for (int c = 0; c < e.length; c++) {
            Series<?> sa = actual.getColumn(c);
            Series<?> se = expected.getColumn(c);
            for (int r = 0; r < expected.height(); r++) {
                if (!Objects.equals(sa.get(r), se.get(r))) {
                    failWithMessage("%scolumn %s, row %d: expected %s but was %s (the first cell that differs)",
                            prefix(), e[c], r, describe(se.get(r)), describe(sa.get(r)));
                }
            }
        }
        return this;
    }

    private String prefix() {
        String d = descriptionText();
        return d == null || d.isEmpty() ? "" : "[" + d + "] ";
    }

    private static String describe(Object v) {
        return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
    }
}
