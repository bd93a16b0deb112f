package dev.chunkwise.cli.expr;

/** Thrown when a {@code --with} argument cannot be parsed or compiled; the message quotes it and says why. */
public class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }
}
