package dev.aios.toolpacks.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Units of measure by kind (length, mass, volume, temperature, speed, area, data size, time), each
 * with its exact factor to the kind's base unit, and conversion between two units of one kind.
 * Factors are exact decimals (an inch is 0.0254 m by definition), so conversions are exact up to
 * the rounding of the result.
 */
public final class Units {
    private record Unit(String kind, String symbol, BigDecimal factor) {}

    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        kind("length", "m", "1", "m meter meters metre metres",
                "km", "1000", "km kilometer kilometers kilometre kilometres",
                "cm", "0.01", "cm centimeter centimeters centimetre centimetres",
                "mm", "0.001", "mm millimeter millimeters millimetre millimetres",
                "um", "0.000001", "um µm micrometer micrometers micron microns",
                "nm", "0.000000001", "nm nanometer nanometers",
                "mi", "1609.344", "mi mile miles",
                "yd", "0.9144", "yd yard yards",
                "ft", "0.3048", "ft foot feet",
                "in", "0.0254", "in inch inches",
                "nmi", "1852", "nmi nautical_mile nautical_miles");
        kind("mass", "kg", "1", "kg kilogram kilograms kilo kilos",
                "g", "0.001", "g gram grams gramme",
                "mg", "0.000001", "mg milligram milligrams",
                "t", "1000", "t tonne tonnes metric_ton",
                "lb", "0.45359237", "lb lbs pound pounds",
                "oz", "0.028349523125", "oz ounce ounces",
                "st", "6.35029318", "st stone stones");
        kind("volume", "l", "1", "l liter liters litre litres",
                "ml", "0.001", "ml milliliter milliliters millilitre millilitres",
                "cl", "0.01", "cl centiliter centilitre centiliters centilitres",
                "dl", "0.1", "dl deciliter decilitre",
                "m3", "1000", "m3 m^3 cubic_meter cubic_meters cubic_metre",
                "cm3", "0.001", "cm3 cc cubic_centimeter",
                "gal", "3.785411784", "gal gallon gallons us_gallon",
                "imp_gal", "4.54609", "imp_gal imperial_gallon imperial_gallons",
                "qt", "0.946352946", "qt quart quarts",
                "pt", "0.473176473", "pt pint pints",
                "cup", "0.2365882365", "cup cups",
                "fl_oz", "0.0295735295625", "fl_oz floz fluid_ounce fluid_ounces",
                "tbsp", "0.01478676478125", "tbsp tablespoon tablespoons",
                "tsp", "0.00492892159375", "tsp teaspoon teaspoons");
        kind("speed", "m/s", "1", "m/s mps meters_per_second metres_per_second",
                "km/h", "0.27777777777777777777777777777778", "km/h kmh kph kilometers_per_hour kilometres_per_hour",
                "mph", "0.44704", "mph miles_per_hour",
                "kn", "0.51444444444444444444444444444444", "kn kt knot knots",
                "ft/s", "0.3048", "ft/s fps feet_per_second");
        kind("area", "m2", "1", "m2 m^2 sq_m square_meter square_meters square_metre square_metres",
                "km2", "1000000", "km2 km^2 sq_km square_kilometer square_kilometers square_kilometre",
                "cm2", "0.0001", "cm2 cm^2 square_centimeter square_centimeters",
                "ha", "10000", "ha hectare hectares",
                "acre", "4046.8564224", "acre acres ac",
                "ft2", "0.09290304", "ft2 ft^2 sq_ft square_foot square_feet",
                "in2", "0.00064516", "in2 in^2 sq_in square_inch square_inches",
                "yd2", "0.83612736", "yd2 yd^2 sq_yd square_yard square_yards",
                "mi2", "2589988.110336", "mi2 mi^2 sq_mi square_mile square_miles");
        kind("data size", "B", "1", "b byte bytes",
                "bit", "0.125", "bit bits",
                "kB", "1000", "kb kilobyte kilobytes",
                "KiB", "1024", "kib kibibyte kibibytes",
                "MB", "1000000", "mb megabyte megabytes",
                "MiB", "1048576", "mib mebibyte mebibytes",
                "GB", "1000000000", "gb gigabyte gigabytes",
                "GiB", "1073741824", "gib gibibyte gibibytes",
                "TB", "1000000000000", "tb terabyte terabytes",
                "TiB", "1099511627776", "tib tebibyte tebibytes",
                "PB", "1000000000000000", "pb petabyte petabytes",
                "kbit", "125", "kbit kilobit kilobits",
                "Mbit", "125000", "mbit megabit megabits",
                "Gbit", "125000000", "gbit gigabit gigabits");
        kind("time", "s", "1", "s sec secs second seconds",
                "ms", "0.001", "ms millisecond milliseconds",
                "us", "0.000001", "us µs microsecond microseconds",
                "ns", "0.000000001", "ns nanosecond nanoseconds",
                "min", "60", "min mins minute minutes",
                "h", "3600", "h hr hrs hour hours",
                "day", "86400", "d day days",
                "week", "604800", "wk week weeks",
                "month", "2629746", "mo month months",
                "year", "31556952", "yr year years");
        kind("temperature", "C", "1", "c °c celsius degc centigrade",
                "F", "1", "f °f fahrenheit degf",
                "K", "1", "k kelvin kelvins");
    }

    private Units() {}

    private static void kind(String kind, String... triples) {
        for (int i = 0; i < triples.length; i += 3) {
            Unit unit = new Unit(kind, triples[i], new BigDecimal(triples[i + 1]));
            for (String alias : triples[i + 2].split(" ")) {
                UNITS.put(alias.replace('_', ' '), unit);
            }
        }
    }

    /** A conversion's answer. */
    public record Converted(BigDecimal value, String from, String to, String kind) {}

    /**
     * @return {@code value} in {@code from} converted to {@code to}, rounded to {@code mc}
     * @throws IllegalArgumentException for an unknown unit, or units of different kinds
     */
    public static Converted convert(BigDecimal value, String from, String to, MathContext mc) {
        Unit a = unit(from, "from");
        Unit b = unit(to, "to");
        if (!a.kind().equals(b.kind())) {
            throw new IllegalArgumentException("cannot convert " + a.symbol() + " (" + a.kind() + ") to " + b.symbol()
                    + " (" + b.kind() + ")");
        }
        BigDecimal out = a.kind().equals("temperature") ? fromKelvin(toKelvin(value, a.symbol()), b.symbol(), mc)
                : value.multiply(a.factor()).divide(b.factor(), mc);
        return new Converted(out.round(mc), a.symbol(), b.symbol(), a.kind());
    }

    private static Unit unit(String name, String argument) {
        String key = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("degrees ", "")
                .replace("degree ", "").replace("sq. ", "sq ").replace("square ", "square_").replace('_', ' ');
        Unit unit = UNITS.get(key);
        if (unit == null) {
            unit = UNITS.get(key.replace(" ", "_").replace('_', ' ').replace("per ", "per_").replace('_', ' '));
        }
        if (unit == null && key.endsWith("s")) {
            unit = UNITS.get(key.substring(0, key.length() - 1));
        }
        if (unit == null) {
            Map<String, TreeSet<String>> byKind = new LinkedHashMap<>();
            UNITS.values().forEach(u -> byKind.computeIfAbsent(u.kind(), k -> new TreeSet<>()).add(u.symbol()));
            throw new IllegalArgumentException("argument '" + argument + "': unknown unit '" + name + "'; known: "
                    + String.join("; ", byKind.entrySet().stream().map(e -> e.getKey() + " "
                            + String.join(", ", List.copyOf(e.getValue()))).toList()));
        }
        return unit;
    }

    private static BigDecimal toKelvin(BigDecimal v, String symbol) {
        return switch (symbol) {
            case "C" -> v.add(new BigDecimal("273.15"));
            case "F" -> v.subtract(new BigDecimal("32")).multiply(new BigDecimal("5"))
                    .divide(new BigDecimal("9"), MathContext.DECIMAL128).add(new BigDecimal("273.15"));
            default -> v;
        };
    }

    private static BigDecimal fromKelvin(BigDecimal k, String symbol, MathContext mc) {
        return switch (symbol) {
            case "C" -> k.subtract(new BigDecimal("273.15"));
            case "F" -> k.subtract(new BigDecimal("273.15")).multiply(new BigDecimal("9"))
                    .divide(new BigDecimal("5"), mc).add(new BigDecimal("32"));
            default -> k;
        };
    }
}
