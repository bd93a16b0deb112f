package dev.chunkwise.cli;

/** Thrown for bad usage that picocli cannot see: a value of the right type that makes no sense. Exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
