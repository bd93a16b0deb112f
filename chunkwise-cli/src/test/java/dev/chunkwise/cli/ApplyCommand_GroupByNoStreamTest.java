package dev.chunkwise.cli;

/**
 * Every case of {@link ApplyCommand_GroupByTest} on the whole-file path ({@code --no-stream}): the same values, the
 * same messages.
 */
class ApplyCommand_GroupByNoStreamTest extends ApplyCommand_GroupByTest {

    @Override
    String[] pathArgs() {
        return new String[]{"--no-stream"};
    }
}
