package dev.chunkwise.cli.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Draws the bench grid with XChart: time against rows, log-log, one line per backend, crossovers marked. */
public final class BenchChart {

    private BenchChart() {
    }

    public static void write(List<BenchGrid.Cell> cells, Map<String, Integer> crossovers, String function, Path file)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("chunkwise apply, " + function + " row function: time against rows")
                .xAxisTitle("rows").yAxisTitle("milliseconds (median)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (String b : cells.stream().map(BenchGrid.Cell::backend).distinct().toList()) {
            List<BenchGrid.Cell> mine = cells.stream().filter(c -> c.backend().equals(b)).toList();
            double[] x = mine.stream().mapToDouble(BenchGrid.Cell::rows).toArray();
            double[] y = mine.stream().mapToDouble(c -> Math.max(1e-3, c.median() / 1e6)).toArray();
            XYSeries s = chart.addSeries(b, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            Integer from = crossovers.get(b);
            if (from != null && from > 0) {
                double at = mine.stream().filter(c -> c.rows() == from).findFirst().orElseThrow().median() / 1e6;
                XYSeries mark = chart.addSeries(b + " beats serial from " + String.format("%,d", from) + " rows",
                        new double[]{from}, new double[]{Math.max(1e-3, at)});
                mark.setMarker(SeriesMarkers.DIAMOND);
                mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        String name = file.toString();
        if (name.endsWith(".png")) {
            BitmapEncoder.saveBitmap(chart, name, BitmapEncoder.BitmapFormat.PNG);
        } else {
            VectorGraphicsEncoder.saveVectorGraphic(chart, name, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        }
    }
}
