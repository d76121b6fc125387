package io.triage.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The crossover drawing: lines that meet where the arithmetic says, a labelled break-even, honest captions. */
class CostChartTest {

    @Test
    void theBreakEvenMarkerSitsWhereBothCumulativeCostsAreEqual() {
        // $1,000 a month prompted, 50 % saved by fine-tuning, $3,000 training: break-even after 6 months
        CostChart chart = CostChart.of(1_000, 500, 3_000, 12, 6.0);
        assertThat(chart.breakEven()).isNotNull();
        assertThat(chart.breakEven().label()).isEqualTo("break-even after 6.0 months");
        // x of month 6 on a 12-month axis from 80 to 690 is the middle
        assertThat(chart.breakEven().x()).isEqualTo(385.0);
        String[] prompted = chart.promptedPoints().split(" ");
        String[] tuned = chart.fineTunedPoints().split(" ");
        assertThat(prompted).hasSize(13);
        assertThat(prompted[6]).isEqualTo(tuned[6]);                          // the lines cross at month 6
        assertThat(prompted[0]).isEqualTo("80.0,300.0");                      // prompting starts at nothing
        assertThat(tuned[0]).isNotEqualTo(prompted[0]);                       // fine-tuning starts with its training cost
        assertThat(chart.summary()).contains("within the 12-month payback horizon");
    }

    @Test
    void aBreakEvenJustBeyondTheHorizonIsStillDrawnAndSaidToBeBeyond() {
        CostChart chart = CostChart.of(1_000, 500, 8_000, 12, 16.0);
        assertThat(chart.breakEven()).isNotNull();
        assertThat(chart.xTicks().get(chart.xTicks().size() - 1).label()).isEqualTo("15");
        assertThat(chart.horizonX()).isLessThan(690);
        assertThat(chart.summary()).contains("beyond the 12-month payback horizon");
        assertThat(chart.breakEven().label()).isEqualTo("break-even after 16.0 months");
    }

    @Test
    void axisLabelsAreRoundAndExact() {
        assertThat(CostChart.money(12_500)).isEqualTo("$12.5k");
        assertThat(CostChart.money(50_000)).isEqualTo("$50k");
        assertThat(CostChart.money(2_500_000)).isEqualTo("$2.5M");
        assertThat(CostChart.money(750)).isEqualTo("$750");
    }

    @Test
    void noSavingMeansNoBreakEven() {
        CostChart chart = CostChart.of(1_000, 0, 500, 12, null);
        assertThat(chart.breakEven()).isNull();
        assertThat(chart.summary()).contains("never breaks even");
    }
}
