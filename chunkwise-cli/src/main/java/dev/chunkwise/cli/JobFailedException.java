package dev.chunkwise.cli;

/**
 * A run of the command line that failed for a reason its message says in full, naming the file, the line and what to
 * do; the command prints it and exits with {@link Chunkwise#FAILED}.
 */
final class JobFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JobFailedException(String message) {
        super(message);
    }
}
