package dev.chunkwise.util;

import java.util.Objects;

/** Argument checks whose messages name the parameter, the value and what was expected. */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns {@code value} if it is positive.
     *
     * @param value the argument
     * @param name  its name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException naming the parameter otherwise, e.g. {@code workers: 0 (expected: > 0)}
     */
    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    /**
     * Returns {@code value} if it is zero or more.
     *
     * @param value the argument
     * @param name  its name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException naming the parameter otherwise, e.g. {@code rows: -1 (expected: >= 0)}
     */
    public static int notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
        }
        return value;
    }

    /**
     * Returns {@code value} if it is not null.
     *
     * @param <T>   its type
     * @param value the argument
     * @param name  its name, for the message
     * @return {@code value}
     * @throws NullPointerException naming the parameter otherwise
     */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + ": null (expected: a value)");
    }
}
