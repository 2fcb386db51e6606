package dev.aios.toolpacks;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ParseException;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.NumberStats;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import dev.aios.toolpacks.internal.Units;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Arithmetic tools with exact decimal results: expressions (EvalEx, so {@code 0.1 + 0.2} is
 * {@code 0.3}), statistics of a list of numbers, unit conversion and percentages. Everything is
 * computed from the arguments, so results are labelled trusted and the tools are read-only.
 * {@snippet :
 * ToolPack math = MathPack.builder()
 *         .precision(34)                       // significant digits, the default
 *         .timeLimit(Duration.ofSeconds(2))    // per expression, the default
 *         .build();
 * }
 */
public final class MathPack {
    private static final int MAX_PRECISION = 1000;
    private static final int MAX_EXPRESSION = 4000;
    private static final int MAX_NUMBERS = 100_000;

    private MathPack() {}

    /** @return a builder; defaults: 34 significant digits, 2 seconds per expression */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures a math pack. */
    public static final class Builder {
        private int precision = 34;
        private Duration timeLimit = Duration.ofSeconds(2);

        private Builder() {}

        /** Sets the significant digits of results, 1 to 1000 (default 34, as IEEE decimal128). */
        public Builder precision(int digits) {
            if (digits < 1 || digits > MAX_PRECISION) {
                throw new IllegalArgumentException("precision must be within 1.." + MAX_PRECISION + ", was " + digits);
            }
            this.precision = digits;
            return this;
        }

        /** Sets the longest one expression may take to evaluate (default 2 seconds). */
        public Builder timeLimit(Duration limit) {
            Objects.requireNonNull(limit, "timeLimit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("timeLimit must be positive, was " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /** @return the pack {@code math} */
        public ToolPack build() {
            MathContext mc = new MathContext(precision, RoundingMode.HALF_EVEN);
            return Pack.named("math").examples(MathPack.class)
                    .tool("math.evaluate", "Calculate or compute an arithmetic expression exactly, in decimal: + -"
                            + " * / ^ %, parentheses, functions such as SQRT, ROUND, MIN and MAX, and named"
                            + " variables. Percentages and unit conversions have their own tools.",
                            Schema.object().string("expression", "e.g. '(0.1 + 0.2) * x' or 'SQRT(2)'")
                                    .map("variables", "numbers by name, e.g. {\"x\": 3}")
                                    .required("expression").json(), ToolRisk.READ_ONLY, Pack.Output.COMPUTED, args -> evaluate(args, mc))
                    .tool("math.statistics", "Compute statistics of a list of numbers: average (mean), median,"
                            + " mode, standard deviation, variance, min, max and percentiles.",
                            Schema.object().numbers("numbers", "the values")
                                    .numbers("percentiles", "percentiles to report, 0 to 100, e.g. [25, 75, 90]")
                                    .required("numbers").json(), ToolRisk.READ_ONLY, Pack.Output.COMPUTED,
                            MathPack::statistics)
                    .tool("math.convert_units", "Convert a value between units of length, weight, volume,"
                            + " temperature, speed, area, data size or time, e.g. miles to km, pounds to kg,"
                            + " Fahrenheit to Celsius, GiB to MB.",
                            Schema.object().number("value", "the amount").string("from", "its unit, e.g. mi, lb, F, GiB")
                                    .string("to", "the unit wanted").required("value", "from", "to").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, args -> {
                                Units.Converted c = Units.convert(decimal(args, "value"), Args.string(args, "from"),
                                        Args.string(args, "to"), new MathContext(Math.min(precision, 15)));
                                return ToolResult.success(Json.text(Map.of("value", NumberStats.plain(c.value()),
                                        "unit", c.to(), "kind", c.kind(),
                                        "text", NumberStats.plain(decimal(args, "value")) + " " + c.from() + " = "
                                                + NumberStats.plain(c.value()) + " " + c.to())));
                            })
                    .tool("math.percentage", "Work out percentages: a percent of a value (15% of 80), the percent"
                            + " change (increase or decrease) from one value to another, or what percent a part is"
                            + " of a whole.",
                            Schema.object().choice("operation", "which calculation",
                                            List.of("percent_of", "change", "share"))
                                    .number("a", "percent_of: the percent; change: the old value; share: the part")
                                    .number("b", "percent_of: the value; change: the new value; share: the whole")
                                    .required("operation", "a", "b").json(),
                            ToolRisk.READ_ONLY, Pack.Output.COMPUTED, args -> percentage(args, mc))
                    .build();
        }

        private ToolResult evaluate(Map<String, Object> args, MathContext mc) throws Exception {
            String text = Args.string(args, "expression");
            if (text.length() > MAX_EXPRESSION) {
                throw new IllegalArgumentException("argument 'expression' is " + text.length()
                        + " characters; at most " + MAX_EXPRESSION);
            }
            Expression expression = new Expression(text, ExpressionConfiguration.builder().mathContext(mc)
                    .arraysAllowed(false).structuresAllowed(false).build());
            for (Map.Entry<String, Object> v : Args.object(args, "variables").entrySet()) {
                expression.with(v.getKey(), variable(v.getKey(), v.getValue()));
            }
            // a huge power or factorial could run for minutes: evaluate on a thread we can stop waiting for
            FutureTask<EvaluationValue> task = new FutureTask<>(expression::evaluate);
            Thread worker = Thread.ofVirtual().name("math.evaluate").start(task);
            EvaluationValue value;
            try {
                value = task.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                worker.interrupt();
                throw new IllegalArgumentException("the expression took longer than " + timeLimit.toMillis()
                        + " ms to evaluate; simplify it");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ParseException p) {
                    throw new IllegalArgumentException("argument 'expression': cannot read it: " + p.getMessage());
                }
                if (cause instanceof EvaluationException ev) {
                    throw new IllegalArgumentException("argument 'expression': " + ev.getMessage());
                }
                throw new IllegalArgumentException("argument 'expression': " + cause.getMessage());
            }
            String result = value.isNumberValue() ? NumberStats.plain(value.getNumberValue()) : value.getStringValue();
            return ToolResult.success(Json.text(Map.of("expression", text, "result", result)));
        }

        private static Object variable(String name, Object value) {
            if (value instanceof Number || value instanceof Boolean) {
                return value instanceof Number n ? new BigDecimal(n.toString()) : value;
            }
            if (value instanceof String s) {
                try {
                    return new BigDecimal(s.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("variable '" + name + "' must be a number, was '" + s + "'");
                }
            }
            throw new IllegalArgumentException("variable '" + name + "' must be a number");
        }
    }

    private static ToolResult statistics(Map<String, Object> args) {
        Object raw = args.get("numbers");
        List<?> list = raw instanceof List<?> l ? l : List.of();
        if (list.size() > MAX_NUMBERS) {
            throw new IllegalArgumentException("argument 'numbers' holds " + list.size() + " values; at most " + MAX_NUMBERS);
        }
        List<BigDecimal> numbers = new ArrayList<>(list.size());
        for (Object o : list) {
            numbers.add(new BigDecimal(o.toString()));
        }
        List<Double> percentiles = new ArrayList<>();
        if (args.get("percentiles") instanceof List<?> ps) {
            ps.forEach(p -> percentiles.add(((Number) p).doubleValue()));
        }
        return ToolResult.success(Json.text(NumberStats.of(numbers, percentiles)));
    }

    private static ToolResult percentage(Map<String, Object> args, MathContext mc) {
        BigDecimal a = decimal(args, "a");
        BigDecimal b = decimal(args, "b");
        BigDecimal hundred = BigDecimal.valueOf(100);
        Map<String, Object> out = new LinkedHashMap<>();
        switch (Args.string(args, "operation")) {
            case "percent_of" -> {
                BigDecimal r = a.multiply(b).divide(hundred, mc);
                out.put("result", NumberStats.plain(r));
                out.put("text", NumberStats.plain(a) + "% of " + NumberStats.plain(b) + " = " + NumberStats.plain(r));
            }
            case "change" -> {
                if (a.signum() == 0) {
                    throw new IllegalArgumentException("argument 'a': the old value is 0, so a change in percent has no"
                            + " meaning");
                }
                BigDecimal r = b.subtract(a).multiply(hundred).divide(a.abs(), mc);
                out.put("result", NumberStats.plain(r));
                out.put("text", "from " + NumberStats.plain(a) + " to " + NumberStats.plain(b) + " is "
                        + (r.signum() >= 0 ? "+" : "") + NumberStats.plain(r.round(new MathContext(6))) + "%");
            }
            default -> {
                if (b.signum() == 0) {
                    throw new IllegalArgumentException("argument 'b': the whole is 0, so a share has no meaning");
                }
                BigDecimal r = a.multiply(hundred).divide(b, mc);
                out.put("result", NumberStats.plain(r));
                out.put("text", NumberStats.plain(a) + " is " + NumberStats.plain(r.round(new MathContext(6)))
                        + "% of " + NumberStats.plain(b));
            }
        }
        return ToolResult.success(Json.text(out));
    }

    private static BigDecimal decimal(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("argument '" + name + "' must be a number");
        }
        return new BigDecimal(n.toString());
    }
}
