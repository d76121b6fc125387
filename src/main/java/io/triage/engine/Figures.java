package io.triage.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as texts and pages print them. Always the same characters for the same value (fixed
 * locale, decimal rounding half up from the shortest decimal form of the number), because the
 * rendered texts are part of the stored decision and replay compares bytes.
 */
public final class Figures {

    private Figures() {
    }

    /** An answer or parameter as given, with digit grouping: 1000000 → "1,000,000", 12.5 → "12.5". */
    public static String plain(BigDecimal value) {
        BigDecimal n = value.stripTrailingZeros();
        return grouped(n.scale() < 0 ? n.setScale(0) : n);
    }

    /** Dollars and cents, without the sign: 2166.666… → "2,166.67". */
    public static String money(double value) {
        return grouped(decimal(value).setScale(2, RoundingMode.HALF_UP));
    }

    /** Months with one decimal, as the cost chart labels them: 0.375 → "0.4". */
    public static String months(double value) {
        return grouped(decimal(value).setScale(1, RoundingMode.HALF_UP));
    }

    /** At most {@code decimals} decimals, trailing zeros dropped: 4.333… → "4.33", 53.0 → "53". */
    public static String upTo(double value, int decimals) {
        return plain(decimal(value).setScale(decimals, RoundingMode.HALF_UP));
    }

    private static BigDecimal decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return value == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(value);
    }

    /** The decimal form with a comma between thousands; as {@code String.format("%,.Nf")} writes it, without parsing a format per number. */
    static String grouped(BigDecimal n) {
        String digits = (n.signum() == 0 ? n.abs() : n).toPlainString();
        int start = digits.startsWith("-") ? 1 : 0;
        int point = digits.indexOf('.');
        int end = point < 0 ? digits.length() : point;
        StringBuilder out = new StringBuilder(digits.length() + (end - start) / 3);
        out.append(digits, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.append(digits, end, digits.length()).toString();
    }
}
