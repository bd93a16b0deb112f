package dev.chunkwise.trace;

import dev.chunkwise.time.Durations;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link Trace} as an SVG timeline: one lane per worker (and one for the caller), each span a bar coloured by
 * its phase, with a time axis, a legend and the total time of each phase. It answers "where did the time go?" at a
 * glance.
 */
public final class SvgTimeline {

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int LEFT = 190, LANE = 26, TOP = 40, WIDTH = 1000;

    private SvgTimeline() {
    }

    public static void write(Trace trace, String title, Writer out) throws IOException {
        List<Span> spans = trace.spans();
        Map<String, Integer> lanes = ChromeTrace.lanes(spans);
        Map<String, Long> totals = trace.totals();
        List<String> phases = List.copyOf(totals.keySet());
        long end = Math.max(1, spans.stream().mapToLong(Span::endNanos).max().orElse(1));
        int height = TOP + lanes.size() * LANE + 40 + 20 * ((phases.size() + 3) / 4) + 10;
        int width = LEFT + WIDTH + 20;
        double scale = WIDTH / (double) end;

        out.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" font-family=\"sans-serif\" font-size=\"12\">\n");
        out.write("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        out.write("<text x=\"10\" y=\"20\" font-size=\"15\">" + xml(title) + " (" + Durations.format(end) + " in all)</text>\n");
        for (Map.Entry<String, Integer> lane : lanes.entrySet()) {
            int y = TOP + lane.getValue() * LANE;
            out.write("<g class=\"lane\"><text x=\"10\" y=\"" + (y + 17) + "\">" + xml(lane.getKey()) + "</text>"
                    + "<line x1=\"" + LEFT + "\" y1=\"" + (y + LANE) + "\" x2=\"" + (LEFT + WIDTH) + "\" y2=\"" + (y + LANE)
                    + "\" stroke=\"#ddd\"/></g>\n");
        }
        for (Span s : spans) {
            int y = TOP + lanes.get(s.lane()) * LANE + 3;
            double x = LEFT + s.startNanos() * scale;
            double w = Math.max(0.5, s.durationNanos() * scale);
            out.write(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\">"
                            + "<title>%s: %s %s</title></rect>%n", x, y, w, LANE - 6, colour(phases.indexOf(s.phase())),
                    xml(s.phase()), Durations.format(s.durationNanos()), xml(s.detail())));
        }
        int axisY = TOP + lanes.size() * LANE + 14;
        for (int i = 0; i <= 4; i++) {
            double x = LEFT + WIDTH * i / 4.0;
            out.write(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, axisY, Durations.format(end * i / 4.0)));
        }
        int legendY = axisY + 24;
        for (int i = 0; i < phases.size(); i++) {
            int x = 10 + (i % 4) * 280;
            int y = legendY + (i / 4) * 20;
            out.write("<rect x=\"" + x + "\" y=\"" + (y - 11) + "\" width=\"12\" height=\"12\" fill=\"" + colour(i) + "\"/>"
                    + "<text x=\"" + (x + 18) + "\" y=\"" + y + "\">" + xml(phases.get(i)) + ": "
                    + Durations.format(totals.get(phases.get(i))) + " in all</text>\n");
        }
        out.write("</svg>\n");
    }

    private static String colour(int i) {
        return COLOURS[Math.floorMod(i, COLOURS.length)];
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
