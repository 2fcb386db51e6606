package dev.aios.toolpacks.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Descriptive statistics of a list of numbers, in decimal arithmetic so that the mean of 0.1 and
 * 0.2 is 0.15, not 0.15000000000000002. Percentiles interpolate linearly between closest ranks
 * (the spreadsheet's PERCENTILE.INC).
 */
public final class NumberStats {
    private static final MathContext MC = MathContext.DECIMAL64;

    private NumberStats() {}

    /** @return count, sum, mean, median, modes, min, max, range, variances, deviations and {@code percentiles} */
    public static Map<String, Object> of(List<BigDecimal> numbers, List<Double> percentiles) {
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("argument 'numbers' must hold at least one number");
        }
        List<BigDecimal> sorted = new ArrayList<>(numbers);
        sorted.sort(null);
        int n = sorted.size();
        BigDecimal sum = sorted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(n), MC);
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal x : sorted) {
            BigDecimal d = x.subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", n);
        out.put("sum", plain(sum));
        out.put("mean", plain(mean));
        out.put("median", plain(percentile(sorted, 50)));
        out.put("mode", modes(sorted));
        out.put("min", plain(sorted.get(0)));
        out.put("max", plain(sorted.get(n - 1)));
        out.put("range", plain(sorted.get(n - 1).subtract(sorted.get(0))));
        BigDecimal popVar = squares.divide(BigDecimal.valueOf(n), MC);
        out.put("populationVariance", plain(popVar));
        out.put("populationStdDev", plain(popVar.sqrt(MC)));
        if (n > 1) {
            BigDecimal sampleVar = squares.divide(BigDecimal.valueOf(n - 1L), MC);
            out.put("sampleVariance", plain(sampleVar));
            out.put("sampleStdDev", plain(sampleVar.sqrt(MC)));
        }
        Map<String, String> ps = new LinkedHashMap<>();
        for (double p : percentiles) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("argument 'percentiles': " + p + " is not within 0..100");
            }
            ps.put("p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)), plain(percentile(sorted, p)));
        }
        if (!ps.isEmpty()) {
            out.put("percentiles", ps);
        }
        return out;
    }

    private static BigDecimal percentile(List<BigDecimal> sorted, double p) {
        double rank = p / 100.0 * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        BigDecimal fraction = new BigDecimal(Double.toString(rank - low));
        return sorted.get(low).add(sorted.get(high).subtract(sorted.get(low)).multiply(fraction), MC);
    }

    private static List<String> modes(List<BigDecimal> sorted) {
        TreeMap<BigDecimal, Integer> counts = new TreeMap<>();
        sorted.forEach(x -> counts.merge(x.stripTrailingZeros(), 1, Integer::sum));
        int best = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (best < 2) {
            return List.of(); // every value occurs once: no mode
        }
        return counts.entrySet().stream().filter(e -> e.getValue() == best).map(e -> plain(e.getKey())).toList();
    }

    /** @return {@code x} without trailing zeros, in plain notation unless it is very large or small */
    public static String plain(BigDecimal x) {
        BigDecimal s = x.stripTrailingZeros();
        int digitsBeforePoint = s.precision() - s.scale();
        return digitsBeforePoint > 40 || s.scale() > 40 ? s.toString() : s.toPlainString();
    }
}
