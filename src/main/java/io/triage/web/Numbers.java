package io.triage.web;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers as people read them on a page. */
public final class Numbers {

    private Numbers() {
    }

    /** 1000000 reads as 1,000,000; 12.50 as 12.5; small whole numbers (a year, 1500 tokens) stay plain. */
    public static String readable(BigDecimal n) {
        BigDecimal plain = n.stripTrailingZeros();
        return plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0
                ? String.format(Locale.ROOT, "%,d", plain.toBigInteger()) : plain.toPlainString();
    }
}
