package dev.chunkwise.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chunkwise.frame.Frames;
import dev.chunkwise.frame.Parallel;
import dev.chunkwise.frame.PartitionFunction;
import dev.chunkwise.frame.RunReport;
import dev.chunkwise.pool.Pool;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dflib.Exp.$int;

class TraceFilesTest {

    static RunReport runOnTwoThreads() {
        PartitionFunction fn = part -> part.cols("K").merge($int("A").mul(2));
        try (Pool pool = Pool.threads(2)) {
            return Parallel.apply(Frames.randomInts(50_000, 0, 100, 1, "A"), fn).on(pool).partitions(8).runReport();
        }
    }

    @Test
    void chromeTrace_isValidJsonWithACompleteEventPerSpan() throws Exception {
        RunReport report = runOnTwoThreads();
        StringWriter out = new StringWriter();

        ChromeTrace.write(report.trace(), out);

        JsonNode events = new ObjectMapper().readTree(out.toString()).get("traceEvents");
        long complete = 0;
        Set<String> laneNames = new HashSet<>();
        for (JsonNode e : events) {
            if (e.get("ph").asText().equals("X")) {
                complete++;
                assertThat(e.get("ts").asDouble()).isGreaterThanOrEqualTo(0);
                assertThat(e.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
            } else {
                assertThat(e.get("ph").asText()).isEqualTo("M");
                laneNames.add(e.get("args").get("name").asText());
            }
        }
        assertThat(complete).isEqualTo(report.trace().spans().size());
        assertThat(laneNames).contains("caller").anyMatch(n -> n.startsWith("chunkwise-worker-"));
        assertThat(report.trace().spans()).filteredOn(s -> s.phase().equals("compute")).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void svgTimeline_isWellFormed_withOneLanePerWorkerAndTheCaller() throws Exception {
        RunReport report = runOnTwoThreads();
        StringWriter out = new StringWriter();

        SvgTimeline.write(report.trace(), "K = A * 2 on 2 threads", out);

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
        long lanes = report.trace().spans().stream().map(Span::lane).distinct().count();
        assertThat(svg.getElementsByTagName("g").getLength()).isEqualTo((int) lanes + (report.trace().spans().stream()
                .anyMatch(s -> s.lane().equals("caller")) ? 0 : 1));
        assertThat(out.toString()).contains("compute: ", "in all");
    }
}
