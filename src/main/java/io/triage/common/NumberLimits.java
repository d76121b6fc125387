package io.triage.common;

import java.math.BigDecimal;

/**
 * The numbers Triage takes from anyone, in any body, form, YAML file or query: written in at most
 * {@value #MAX_LENGTH} characters, with at most {@value #MAX_INTEGER_DIGITS} digits before the
 * decimal point and {@value #MAX_FRACTION_DIGITS} after it.
 *
 * <p>Checked on precision and scale alone, before anything formats a number or computes with it:
 * {@code 1e10000000} is ten characters, but written out in full (toPlainString, setScale, a
 * comparison that rescales) it costs seconds of CPU and megabytes of memory.
 */
public final class NumberLimits {

    public static final int MAX_LENGTH = 100;
    public static final int MAX_INTEGER_DIGITS = 20;
    public static final int MAX_FRACTION_DIGITS = 10;
    /** About 120 decimal digits: more than any literal of MAX_LENGTH characters can hold. */
    private static final int MAX_UNSCALED_BITS = 400;
    private static final int SHOWN_LENGTH = 40;

    private NumberLimits() {
    }

    /** Null if the value is within the limits; otherwise why not, in one short line that quotes it. */
    public static String problem(BigDecimal value) {
        return within(value) ? null : tooManyDigits("'" + shown(value) + "'");
    }

    /** The message for a number outside the limits, as {@code what} names it. */
    public static String tooManyDigits(String what) {
        return what + " has too many digits: a number may have at most " + MAX_INTEGER_DIGITS
                + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it";
    }

    public static boolean within(BigDecimal value) {
        if (value.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
            return false;
        }
        // cheap now: the unscaled value is small, whatever the scale
        BigDecimal stripped = value.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        long fractionDigits = Math.max(0, stripped.scale());
        return integerDigits <= MAX_INTEGER_DIGITS && fractionDigits <= MAX_FRACTION_DIGITS;
    }

    /** A number as it can be shown back to a person: plain when within the limits, otherwise short (1E+10000000). */
    public static String shown(BigDecimal value) {
        if (within(value)) {
            BigDecimal stripped = value.stripTrailingZeros();
            return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
        }
        if (value.unscaledValue().bitLength() > MAX_UNSCALED_BITS) {
            return "a number of " + (value.unscaledValue().bitLength() * 3 / 10) + "+ digits";
        }
        String text = value.toString(); // scientific notation once the exponent is large: never long
        return text.length() <= SHOWN_LENGTH ? text : text.substring(0, SHOWN_LENGTH) + "…";
    }

    /**
     * A number as a person types it into a form, or null if the text is not one. Too long a text
     * is not parsed at all (parsing a million digits is itself the attack); say so with
     * {@link #tooLong(String)}.
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static boolean tooLong(String text) {
        return text != null && text.length() > MAX_LENGTH;
    }

    /** The message for a number written with more than {@link #MAX_LENGTH} characters. */
    public static String tooLongMessage(int length) {
        return tooManyDigits("a number of " + length + " characters");
    }

    /** 1000000 reads as 1,000,000; 12.50 as 12.5; small whole numbers (a year, 1500 tokens) stay plain. */
    public static String readable(BigDecimal n) {
        BigDecimal plain = n.stripTrailingZeros();
        return plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0
                ? String.format(java.util.Locale.ROOT, "%,d", plain.toBigInteger()) : plain.toPlainString();
    }
}
