package dev.aios.media;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a chart shows: its kind, titles and data series. Checked when made, so a chart that cannot
 * be drawn (no series, lengths that differ, NaN) fails here with the series named, not later in a
 * renderer. Draw it with {@link Charts}.
 *
 * <p>The static factories make the common one-series charts short:
 * {@code ChartSpec.bar("Revenue", List.of("Q1", "Q2"), List.of(4.2, 5.1))}.
 *
 * @param kind the kind of chart
 * @param title the title above the chart; empty for none
 * @param xLabel the horizontal axis's title; empty for none (not shown on a pie)
 * @param yLabel the vertical axis's title; empty for none (not shown on a pie)
 * @param series the data, at least one series, names unique; a pie has exactly one
 */
public record ChartSpec(Kind kind, String title, String xLabel, String yLabel, List<Series> series) {

    /** The kinds of chart. */
    public enum Kind {
        /** Bars per category, one bar per series; series carry {@code categories} and {@code y}. */
        BAR,
        /** Lines through points; series carry {@code x} and {@code y}. */
        LINE,
        /** Slices of one whole; exactly one series with {@code categories} (slice names) and {@code y}. */
        PIE,
        /** Unconnected points; series carry {@code x} and {@code y}. */
        SCATTER,
        /** Lines over time; series carry {@code x} as epoch milliseconds and {@code y}. */
        TIME_SERIES
    }

    /**
     * One named series of values.
     *
     * @param name the name shown in the legend; unique within a chart
     * @param categories the category of each value, for {@link Kind#BAR} and {@link Kind#PIE}; else empty
     * @param x the x of each value, for {@link Kind#LINE} and {@link Kind#SCATTER}, epoch milliseconds
     *     for {@link Kind#TIME_SERIES}; else empty
     * @param y the values, at least one, all finite
     */
    public record Series(String name, List<String> categories, List<Double> x, List<Double> y) {

        /** Checks the series on its own; {@link ChartSpec} checks it against the chart's kind. */
        public Series {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw MediaException.invalid("a chart series needs a name; this one's is blank");
            }
            categories = copy(categories, "categories", name);
            x = copy(x, "x", name);
            y = copy(y, "y", name);
            if (y.isEmpty()) {
                throw MediaException.invalid("the chart series '" + name + "' has no values");
            }
            if (!categories.isEmpty() && !x.isEmpty()) {
                throw MediaException.invalid("the chart series '" + name + "' has both categories and x values;"
                        + " give categories for a bar or pie chart, x for a line, scatter or time series");
            }
            if (!categories.isEmpty() && categories.size() != y.size()) {
                throw MediaException.invalid("the chart series '" + name + "' has " + categories.size()
                        + " categories but " + y.size() + " values; give one value per category");
            }
            if (!x.isEmpty() && x.size() != y.size()) {
                throw MediaException.invalid("the chart series '" + name + "' has " + x.size() + " x values but "
                        + y.size() + " y values; give one y per x");
            }
            requireFinite(x, "x", name);
            requireFinite(y, "y", name);
            for (int i = 0; i < categories.size(); i++) {
                if (categories.get(i).isBlank()) {
                    throw MediaException.invalid("the chart series '" + name + "' has a blank category at position "
                            + (i + 1));
                }
            }
        }

        /** A series of values per category, for a bar or pie chart. */
        public static Series categorical(String name, List<String> categories, List<Double> values) {
            return new Series(name, categories, List.of(), values);
        }

        /** A series of (x, y) points, for a line or scatter chart. */
        public static Series xy(String name, List<Double> x, List<Double> y) {
            return new Series(name, List.of(), x, y);
        }

        /** A series of values over time, for a time-series chart. */
        public static Series timed(String name, List<Instant> times, List<Double> values) {
            Objects.requireNonNull(times, "times");
            return new Series(name, List.of(), times.stream().map(t -> (double) t.toEpochMilli()).toList(), values);
        }

        private static <T> List<T> copy(List<T> list, String what, String name) {
            Objects.requireNonNull(list, what);
            if (list.stream().anyMatch(Objects::isNull)) {
                throw MediaException.invalid("the chart series '" + name + "' has a missing (null) entry in " + what);
            }
            return List.copyOf(list);
        }

        private static void requireFinite(List<Double> values, String what, String name) {
            for (int i = 0; i < values.size(); i++) {
                if (!Double.isFinite(values.get(i))) {
                    throw MediaException.invalid("the chart series '" + name + "' has " + values.get(i) + " as its "
                            + what + " value at position " + (i + 1) + "; every value must be a finite number");
                }
            }
        }
    }

    /** Checks the series against the kind of chart. */
    public ChartSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        Objects.requireNonNull(series, "series");
        series = List.copyOf(series);
        String chart = title.isBlank() ? "the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " chart"
                : "the chart '" + title + "'";
        if (series.isEmpty()) {
            throw MediaException.invalid(chart + " has no series; give at least one");
        }
        Set<String> names = new HashSet<>();
        for (Series s : series) {
            if (!names.add(s.name())) {
                throw MediaException.invalid(chart + " has two series named '" + s.name() + "'; names must differ");
            }
            switch (kind) {
                case BAR, PIE -> {
                    if (s.categories().isEmpty()) {
                        throw MediaException.invalid("the series '" + s.name() + "' of " + chart
                                + " has no categories; a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                                + " chart needs one category per value");
                    }
                    if (new HashSet<>(s.categories()).size() != s.categories().size()) {
                        throw MediaException.invalid("the series '" + s.name() + "' of " + chart
                                + " names a category twice: " + s.categories());
                    }
                }
                case LINE, SCATTER, TIME_SERIES -> {
                    if (s.x().isEmpty()) {
                        throw MediaException.invalid("the series '" + s.name() + "' of " + chart + " has no x values;"
                                + " a " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                                + " chart needs an x per value");
                    }
                }
            }
        }
        if (kind == Kind.BAR) {
            List<String> first = series.getFirst().categories();
            for (Series s : series) {
                if (!s.categories().equals(first)) {
                    throw MediaException.invalid("the series '" + s.name() + "' of " + chart + " has categories "
                            + s.categories() + " but '" + series.getFirst().name() + "' has " + first
                            + "; every series of a bar chart needs the same categories");
                }
            }
        }
        if (kind == Kind.PIE) {
            if (series.size() != 1) {
                throw MediaException.invalid(chart + " is a pie with " + series.size()
                        + " series; a pie shows exactly one");
            }
            Series slices = series.getFirst();
            double sum = 0;
            for (int i = 0; i < slices.y().size(); i++) {
                if (slices.y().get(i) < 0) {
                    throw MediaException.invalid("the series '" + slices.name() + "' of " + chart + " has "
                            + slices.y().get(i) + " for '" + slices.categories().get(i)
                            + "'; a pie slice cannot be negative");
                }
                sum += slices.y().get(i);
            }
            if (sum <= 0) {
                throw MediaException.invalid("the series '" + slices.name() + "' of " + chart
                        + " adds up to 0; a pie needs something to divide");
            }
        }
    }

    /** A bar chart of one series: a value per category. */
    public static ChartSpec bar(String title, List<String> categories, List<Double> values) {
        return new ChartSpec(Kind.BAR, title, "", "", List.of(Series.categorical(nameFor(title), categories, values)));
    }

    /** A pie chart: a slice per category, sized by its value. */
    public static ChartSpec pie(String title, List<String> slices, List<Double> values) {
        return new ChartSpec(Kind.PIE, title, "", "", List.of(Series.categorical(nameFor(title), slices, values)));
    }

    /** A line chart of one series of (x, y) points. */
    public static ChartSpec line(String title, List<Double> x, List<Double> y) {
        return new ChartSpec(Kind.LINE, title, "", "", List.of(Series.xy(nameFor(title), x, y)));
    }

    /** A scatter chart of one series of (x, y) points. */
    public static ChartSpec scatter(String title, List<Double> x, List<Double> y) {
        return new ChartSpec(Kind.SCATTER, title, "", "", List.of(Series.xy(nameFor(title), x, y)));
    }

    /** A time-series chart of one series of values at instants. */
    public static ChartSpec timeSeries(String title, List<Instant> times, List<Double> values) {
        return new ChartSpec(Kind.TIME_SERIES, title, "", "", List.of(Series.timed(nameFor(title), times, values)));
    }

    /** This chart with axis titles; ignored for a pie. */
    public ChartSpec withAxisLabels(String xLabel, String yLabel) {
        return new ChartSpec(kind, title, xLabel, yLabel, series);
    }

    private static String nameFor(String title) {
        return title.isBlank() ? "values" : title;
    }
}
