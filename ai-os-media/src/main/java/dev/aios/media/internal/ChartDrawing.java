package dev.aios.media.internal;

import dev.aios.media.ChartSpec;
import dev.aios.media.ChartSpec.Series;
import dev.aios.media.MediaException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Date;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.PieStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Builds an XChart chart from a {@link ChartSpec}, styled in the media engine's one look. */
public final class ChartDrawing {

    /** Tableau 10: distinct hues of similar weight, legible on white and in grey print. */
    static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2),
        new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC)
    };
    private static final Color INK = new Color(0x33, 0x33, 0x33);
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    private static final int MIN_WIDTH = 120;
    private static final int MIN_HEIGHT = 90;

    private ChartDrawing() {}

    /**
     * Builds the chart for {@code spec} at {@code width} x {@code height} pixels.
     *
     * @throws MediaException when the size is too small to hold a chart, or too large
     */
    public static Chart<?, ?> build(ChartSpec spec, int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT || (long) width * height > 100_000_000L) {
            throw MediaException.invalid("cannot draw a chart of " + width + "x" + height + " pixels; give at least "
                    + MIN_WIDTH + "x" + MIN_HEIGHT + " and at most 100 million pixels");
        }
        return switch (spec.kind()) {
            case BAR -> bar(spec, width, height);
            case PIE -> pie(spec, width, height);
            case LINE, SCATTER, TIME_SERIES -> xy(spec, width, height);
        };
    }

    private static CategoryChart bar(ChartSpec spec, int width, int height) {
        CategoryChart chart = new CategoryChart(width, height);
        common(chart, chart.getStyler(), spec, width, height);
        axes(chart, chart.getStyler(), spec, width, height);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setAvailableSpaceFill(0.7);
        int categories = spec.series().getFirst().categories().size();
        // long category labels collide when many sit side by side; slanting them keeps each readable
        if (categories > 6 || categories * longest(spec.series().getFirst().categories()) * fontSize(width, height)
                * 0.6 > width * 0.8) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        for (Series s : spec.series()) {
            chart.addSeries(s.name(), s.categories(), s.y());
        }
        return chart;
    }

    private static PieChart pie(ChartSpec spec, int width, int height) {
        PieChart chart = new PieChart(width, height);
        PieStyler styler = chart.getStyler();
        common(chart, styler, spec, width, height);
        styler.setLegendVisible(true);
        styler.setLabelType(PieStyler.LabelType.Percentage);
        styler.setLabelsFont(font(Font.BOLD, fontSize(width, height)));
        styler.setLabelsFontColorAutomaticEnabled(true);
        styler.setLabelsDistance(0.7);
        styler.setSliceBorderWidth(2);
        Series slices = spec.series().getFirst();
        for (int i = 0; i < slices.y().size(); i++) {
            chart.addSeries(slices.categories().get(i), slices.y().get(i));
        }
        return chart;
    }

    private static XYChart xy(ChartSpec spec, int width, int height) {
        XYChart chart = new XYChart(width, height);
        common(chart, chart.getStyler(), spec, width, height);
        axes(chart, chart.getStyler(), spec, width, height);
        boolean scatter = spec.kind() == ChartSpec.Kind.SCATTER;
        chart.getStyler().setDefaultSeriesRenderStyle(scatter ? XYSeriesRenderStyle.Scatter : XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(scatter ? Math.max(6, Math.round(fontSize(width, height) / 2)) : 0);
        float line = Math.max(2f, Math.min(width, height) / 200f);
        chart.getStyler().setSeriesLines(repeat(new BasicStroke(line, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)));
        chart.getStyler().setSeriesMarkers(repeat(SeriesMarkers.CIRCLE));
        for (Series s : spec.series()) {
            if (spec.kind() == ChartSpec.Kind.TIME_SERIES) {
                List<Date> times = s.x().stream().map(ms -> new Date(ms.longValue())).toList();
                chart.addSeries(s.name(), times, s.y());
            } else {
                chart.addSeries(s.name(), s.x(), s.y());
            }
        }
        return chart;
    }

    private static void common(Chart<?, ?> chart, Styler styler, ChartSpec spec, int width, int height) {
        float size = fontSize(width, height);
        chart.setTitle(spec.title());
        styler.setChartTitleVisible(!spec.title().isBlank());
        styler.setChartTitleFont(font(Font.BOLD, size * 1.35f));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(Math.round(size));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setChartFontColor(INK);
        styler.setChartPadding(Math.round(size));
        styler.setSeriesColors(PALETTE);
        styler.setLegendFont(font(Font.PLAIN, size));
        styler.setLegendBorderColor(Color.WHITE);
        styler.setLegendBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        // one series needs no legend: the title already names it
        styler.setLegendVisible(spec.series().size() > 1);
        styler.setAntiAlias(true);
    }

    /** The axes' titles (hidden when blank), fonts, ticks and grid, alike for bar and x-y charts. */
    private static void axes(Chart<?, ?> chart, AxesChartStyler styler, ChartSpec spec, int width, int height) {
        chart.setXAxisTitle(spec.xLabel());
        chart.setYAxisTitle(spec.yLabel());
        styler.setXAxisTitleVisible(!spec.xLabel().isBlank());
        styler.setYAxisTitleVisible(!spec.yLabel().isBlank());
        float size = fontSize(width, height);
        styler.setAxisTitleFont(font(Font.PLAIN, size));
        styler.setAxisTickLabelsFont(font(Font.PLAIN, size * 0.9f));
        styler.setAxisTickLabelsColor(INK);
        styler.setAxisTickMarksColor(GRID);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAxisTicksLineVisible(false);
        styler.setPlotMargin(Math.round(size / 2));
    }

    // about 1/36 of the smaller side: 14 px at 500 px high, 20 px at 720; never below 10 or above 36
    private static float fontSize(int width, int height) {
        return Math.clamp(Math.min(width, height) / 36f, 10f, 36f);
    }

    private static Font font(int style, float size) {
        return new Font(Font.SANS_SERIF, style, Math.round(size));
    }

    private static int longest(List<String> labels) {
        return labels.stream().mapToInt(String::length).max().orElse(0);
    }

    private static <T> T[] repeat(T value) {
        @SuppressWarnings("unchecked")
        T[] out = (T[]) java.lang.reflect.Array.newInstance(value.getClass(), PALETTE.length);
        java.util.Arrays.fill(out, value);
        return out;
    }
}
