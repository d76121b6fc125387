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
    void theFineTunedLineStepsUpByOneTrainingCostAtEachRetraining() {
        // $5,000 a month prompted, $3,500 saved, $500 per run, behavior changing every quarter over 12 months
        CostChart chart = CostChart.of(5_000, 3_500, 500, 12, 500 / (3_500 - 500 / 3.0), 1 / 3.0);
        java.util.List<double[]> line = CostChart.fineTunedLine(500, 1_500, 1 / 3.0, 12);
        // retrainings at months 3, 6, 9 and 12: each a vertical step of exactly one training cost
        java.util.List<double[]> steps = new java.util.ArrayList<>();
        for (int i = 1; i < line.size(); i++) {
            if (line.get(i)[0] == line.get(i - 1)[0]) {
                steps.add(new double[] {line.get(i)[0], line.get(i)[1] - line.get(i - 1)[1]});
            }
        }
        assertThat(steps).extracting(s -> s[0]).containsExactly(3.0, 6.0, 9.0, 12.0);
        assertThat(steps).extracting(s -> s[1]).allSatisfy(d -> assertThat(d).isCloseTo(500.0, org.assertj.core.data.Offset.offset(1e-6)));
        // 1 + 4 retrainings = 5 runs by the horizon, as trainingRunsOverHorizon says
        assertThat(line.get(line.size() - 1)[1]).isCloseTo(5 * 500 + 1_500 * 12, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(chart.fineTunedPoints().split(" ")).hasSize(13 + 4);
        assertThat(chart.summary()).contains("and one more at each retraining").contains("within the 12-month payback horizon");
    }

    @Test
    void weeklyRetrainingStepsFiftyTwoTimesAYear() {
        java.util.List<double[]> line = CostChart.fineTunedLine(500, 1_500, 52 / 12.0, 12);
        long steps = java.util.stream.IntStream.range(1, line.size()).filter(i -> line.get(i)[0] == line.get(i - 1)[0]).count();
        assertThat(steps).isEqualTo(52);
        assertThat(line.get(line.size() - 1)[0]).isEqualTo(12.0);
    }

    @Test
    void retrainingThatEatsTheSavingNeverBreaksEvenAndSaysWhy() {
        CostChart chart = CostChart.of(100, 70, 500, 12, null, 52 / 12.0);
        assertThat(chart.breakEven()).isNull();
        assertThat(chart.summary()).startsWith("Retraining each time the behavior changes costs at least as much");
    }

    @Test
    void noSavingMeansNoBreakEven() {
        CostChart chart = CostChart.of(1_000, 0, 500, 12, null);
        assertThat(chart.breakEven()).isNull();
        assertThat(chart.summary()).contains("never breaks even");
    }
}
