package io.triage.web;

import io.triage.common.NumberLimits;

import java.math.BigDecimal;

/** Numbers as people read them on a page. */
public final class Numbers {

    private Numbers() {
    }

    /** 1000000 reads as 1,000,000; 12.50 as 12.5; small whole numbers (a year, 1500 tokens) stay plain. */
    public static String readable(BigDecimal n) {
        return NumberLimits.readable(n);
    }
}
