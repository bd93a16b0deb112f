package dev.chunkwise.trace;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Trace} in the Chrome trace-event format (JSON), which Perfetto and {@code chrome://tracing} open:
 * one complete event ({@code "ph": "X"}) per span, one thread per lane, named by metadata events.
 */
public final class ChromeTrace {

    private ChromeTrace() {
    }

    public static void write(Trace trace, Writer out) throws IOException {
        List<Span> spans = trace.spans();
        Map<String, Integer> lanes = lanes(spans);
        out.write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
        boolean first = true;
        for (Map.Entry<String, Integer> lane : lanes.entrySet()) {
            out.write((first ? "" : ",\n") + "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":" + lane.getValue()
                    + ",\"args\":{\"name\":" + json(lane.getKey()) + "}}");
            first = false;
        }
        for (Span s : spans) {
            out.write((first ? "" : ",\n") + "{\"name\":" + json(s.phase()) + ",\"cat\":\"chunkwise\",\"ph\":\"X\",\"pid\":1,\"tid\":"
                    + lanes.get(s.lane()) + ",\"ts\":" + micros(s.startNanos()) + ",\"dur\":" + micros(s.durationNanos())
                    + ",\"args\":{\"detail\":" + json(s.detail()) + "}}");
            first = false;
        }
        out.write("\n]}\n");
    }

    static Map<String, Integer> lanes(List<Span> spans) {
        Map<String, Integer> lanes = new LinkedHashMap<>();
        lanes.put("caller", 0);
        for (Span s : spans) {
            lanes.putIfAbsent(s.lane(), lanes.size());
        }
        return lanes;
    }

    private static String micros(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1000.0);
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
