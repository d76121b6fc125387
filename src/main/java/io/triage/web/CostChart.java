package io.triage.web;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost crossover as an SVG drawing (server-rendered, no script): cumulative cost month by
 * month for the prompted model (monthly prompt cost × months) and for the fine-tuned one
 * (training cost up front, then the reduced monthly cost), over the payback horizon, extended to
 * show the break-even when it falls a little beyond it. Coordinates are precomputed here; the
 * template only places them.
 */
@TemplateData
public record CostChart(String promptedPoints, String fineTunedPoints, List<Tick> xTicks, List<Tick> yTicks,
                        Marker breakEven, String horizonLabel, double horizonX, double horizonLabelX, String summary) {

    /** A tick on an axis: where it is and where its label goes (the template has no arithmetic). */
    @TemplateData
    public record Tick(double position, String label, double labelPosition) {
    }

    /** Where the lines cross, with its label; null when they do not cross in the drawn range. */
    @TemplateData
    public record Marker(double x, double y, String label, double labelX, double labelY, String anchor) {
    }

    // the drawing is 720 × 360 with the plot in [80, 690] × [24, 300]; tags/costChart.html uses the same numbers
    private static final int LEFT = 80;
    private static final int RIGHT = 690;
    private static final int TOP = 24;
    private static final int BOTTOM = 300;

    /**
     * @param months the payback horizon; the drawing spans it, or up to 1.5× it to include a
     *               break-even just beyond
     */
    public static CostChart of(double monthlyPromptCost, double monthlySaving, double trainingCost, int months,
                               Double breakEvenMonths) {
        int span = Math.max(1, months);
        if (breakEvenMonths != null && breakEvenMonths > span && breakEvenMonths <= span * 1.5) {
            span = (int) Math.ceil(breakEvenMonths);
        }
        double tunedMonthly = monthlyPromptCost - monthlySaving;
        double maxCost = Math.max(monthlyPromptCost * span, trainingCost + tunedMonthly * span);
        double yMax = niceCeiling(Math.max(maxCost, 1));
        final int drawnMonths = span;
        java.util.function.DoubleUnaryOperator x = m -> round(LEFT + (RIGHT - LEFT) * m / drawnMonths);
        java.util.function.DoubleUnaryOperator y = c -> round(BOTTOM - (BOTTOM - TOP) * c / yMax);

        StringBuilder prompted = new StringBuilder();
        StringBuilder tuned = new StringBuilder();
        for (int m = 0; m <= span; m++) {
            point(prompted, x.applyAsDouble(m), y.applyAsDouble(monthlyPromptCost * m));
            point(tuned, x.applyAsDouble(m), y.applyAsDouble(trainingCost + tunedMonthly * m));
        }
        List<Tick> xTicks = new ArrayList<>();
        int step = span <= 12 ? 1 : span <= 24 ? 3 : span <= 60 ? 6 : 12;
        for (int m = 0; m <= span; m += step) {
            xTicks.add(new Tick(x.applyAsDouble(m), Integer.toString(m), BOTTOM + 19));
        }
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double cost = yMax * i / 4;
            yTicks.add(new Tick(y.applyAsDouble(cost), money(cost), y.applyAsDouble(cost) + 4));
        }
        Marker marker = null;
        if (breakEvenMonths != null && breakEvenMonths <= span) {
            double bx = x.applyAsDouble(breakEvenMonths);
            double by = y.applyAsDouble(monthlyPromptCost * breakEvenMonths);
            boolean right = bx < (LEFT + RIGHT) / 2.0;
            marker = new Marker(bx, by, "break-even after " + months(breakEvenMonths) + " months",
                    right ? bx + 10 : bx - 10, Math.max(TOP + 12, by - 12), right ? "start" : "end");
        }
        String summary;
        if (breakEvenMonths == null) {
            summary = "Fine-tuning saves nothing per call with these assumptions, so it never breaks even.";
        } else if (breakEvenMonths <= months) {
            summary = "The fine-tuned model's training cost of " + money(trainingCost) + " is paid back after "
                    + months(breakEvenMonths) + " months, within the " + months + "-month payback horizon.";
        } else {
            summary = "The training cost of " + money(trainingCost) + " is paid back only after " + months(breakEvenMonths)
                    + " months, beyond the " + months + "-month payback horizon.";
        }
        double horizonX = x.applyAsDouble(Math.min(months, span));
        return new CostChart(prompted.toString().trim(), tuned.toString().trim(), xTicks, yTicks, marker,
                months + "-month horizon", horizonX, horizonX - 4, summary);
    }

    private static double round(double coordinate) {
        return Math.round(coordinate * 10) / 10.0;
    }

    private static void point(StringBuilder sb, double x, double y) {
        sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least the value: round axis labels. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    static String money(double usd) {
        if (usd >= 1_000_000) {
            return trimmed(String.format(Locale.ROOT, "$%.2f", usd / 1_000_000)) + "M";
        }
        if (usd >= 10_000) {
            return trimmed(String.format(Locale.ROOT, "$%.1f", usd / 1_000)) + "k";
        }
        return String.format(Locale.ROOT, "$%,.0f", usd);
    }

    /** "$12.50" → "$12.5", "$50.0" → "$50". */
    private static String trimmed(String amount) {
        return amount.contains(".") ? amount.replaceAll("0+$", "").replaceAll("\\.$", "") : amount;
    }

    /** One decimal, as the cost figures next to the chart give it. */
    static String months(double months) {
        return String.format(Locale.ROOT, "%.1f", months);
    }
}
