package io.triage.engine;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers in texts are part of the stored decision: the same value always reads the same. */
class FiguresTest {

    @Test
    void answersAndParametersReadAsGivenWithDigitGrouping() {
        assertThat(Figures.plain(new BigDecimal("1000000"))).isEqualTo("1,000,000");
        assertThat(Figures.plain(new BigDecimal("99999"))).isEqualTo("99,999");
        assertThat(Figures.plain(new BigDecimal("1500"))).isEqualTo("1,500");
        assertThat(Figures.plain(new BigDecimal("12.50"))).isEqualTo("12.5");
        assertThat(Figures.plain(new BigDecimal("5E+3"))).isEqualTo("5,000");
        assertThat(Figures.plain(BigDecimal.ZERO)).isEqualTo("0");
    }

    @Test
    void costFiguresRoundHalfUpFromTheirShortestDecimal() {
        assertThat(Figures.money(500 * 52.0 / 12.0)).isEqualTo("2,166.67");
        assertThat(Figures.money(3500 - 500 * 52.0 / 12.0)).isEqualTo("1,333.33");
        assertThat(Figures.money(70 - 500 * 52.0 / 12.0)).isEqualTo("-2,096.67");
        assertThat(Figures.money(-0.0)).isEqualTo("0.00");
        assertThat(Figures.months(500 / (3500 - 500 * 52.0 / 12.0))).isEqualTo("0.4");
        assertThat(Figures.months(500 / 3500.0)).isEqualTo("0.1");
        assertThat(Figures.months(500 / 1.75)).isEqualTo("285.7");
        assertThat(Figures.upTo(52.0 / 12.0, 2)).isEqualTo("4.33");
        assertThat(Figures.upTo(1 + 52.0 / 12.0 * 12, 1)).isEqualTo("53");
        assertThat(Figures.upTo(1 + 7 / 3.0, 1)).isEqualTo("3.3");
    }

    @Test
    void groupingWritesWhatTheFormatterWroteForEveryShapeOfNumber() {
        java.util.Random random = new java.util.Random(17);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal n = BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(12) - 2);
            if (n.scale() < 0) {
                n = n.setScale(0);
            }
            BigDecimal shown = n.signum() == 0 ? n.abs() : n;
            String formatter = String.format(java.util.Locale.ROOT, "%,." + Math.max(0, shown.scale()) + "f", shown);
            assertThat(Figures.grouped(n)).as(n.toPlainString()).isEqualTo(formatter);
        }
    }
}
