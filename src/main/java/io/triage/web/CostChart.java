package io.triage.web;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost crossover as an SVG drawing (server-rendered, no script): cumulative cost month by
 * month for the prompted model (monthly prompt cost × months) and for the fine-tuned one
 * (training cost up front, then the reduced monthly cost, and one more training cost at each
 * retraining, so its line steps up every time the behavior changes), over the payback horizon,
 * extended to show the break-even when it falls a little beyond it. Coordinates are precomputed
 * here; the template only places them.
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
        return of(monthlyPromptCost, monthlySaving, trainingCost, months, breakEvenMonths, 0);
    }

    /**
     * @param behaviorChangesPerMonth retrainings per month (cost v2); each adds one training cost to
     *                                the fine-tuned line at the moment it happens
     */
    public static CostChart of(double monthlyPromptCost, double monthlySaving, double trainingCost, int months,
                               Double breakEvenMonths, double behaviorChangesPerMonth) {
        int span = Math.max(1, months);
        if (breakEvenMonths != null && breakEvenMonths > span && breakEvenMonths <= span * 1.5) {
            span = (int) Math.ceil(breakEvenMonths);
        }
        double tunedMonthly = monthlyPromptCost - monthlySaving;
        List<double[]> tunedCosts = fineTunedLine(trainingCost, tunedMonthly, behaviorChangesPerMonth, span);
        double maxCost = monthlyPromptCost * span;
        for (double[] point : tunedCosts) {
            maxCost = Math.max(maxCost, point[1]);
        }
        double yMax = niceCeiling(Math.max(maxCost, 1));
        final int drawnMonths = span;
        java.util.function.DoubleUnaryOperator x = m -> round(LEFT + (RIGHT - LEFT) * m / drawnMonths);
        java.util.function.DoubleUnaryOperator y = c -> round(BOTTOM - (BOTTOM - TOP) * c / yMax);

        StringBuilder prompted = new StringBuilder();
        StringBuilder tuned = new StringBuilder();
        for (int m = 0; m <= span; m++) {
            point(prompted, x.applyAsDouble(m), y.applyAsDouble(monthlyPromptCost * m));
        }
        for (double[] point : tunedCosts) {
            point(tuned, x.applyAsDouble(point[0]), y.applyAsDouble(point[1]));
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
        boolean retraining = behaviorChangesPerMonth > 0 && trainingCost > 0;
        String runs = retraining ? " and one more at each retraining" : "";
        String summary;
        if (breakEvenMonths == null) {
            summary = retraining && monthlySaving > 0
                    ? "Retraining each time the behavior changes costs at least as much as fine-tuning saves per month, so it never breaks even."
                    : "Fine-tuning saves nothing per call with these assumptions, so it never breaks even.";
        } else if (breakEvenMonths <= months) {
            summary = "The fine-tuned model's training cost of " + money(trainingCost) + runs + " is paid back after "
                    + months(breakEvenMonths) + " months, within the " + months + "-month payback horizon.";
        } else {
            summary = "The training cost of " + money(trainingCost) + runs + " is paid back only after " + months(breakEvenMonths)
                    + " months, beyond the " + months + "-month payback horizon.";
        }
        double horizonX = x.applyAsDouble(Math.min(months, span));
        return new CostChart(prompted.toString().trim(), tuned.toString().trim(), xTicks, yTicks, marker,
                months + "-month horizon", horizonX, horizonX - 4, summary);
    }

    /**
     * Cumulative fine-tuned cost as (month, cost) corners: every month, and at each retraining the
     * moment before and after its training cost is added, so the line steps straight up there.
     */
    static List<double[]> fineTunedLine(double trainingCost, double tunedMonthly, double changesPerMonth, int span) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, trainingCost});
        int runs = 1;
        int retraining = 1;
        // a retraining due exactly at a month's end (monthly changes, the horizon itself) counts; 1e-9 absorbs rounding
        double next = changesPerMonth > 0 ? 1 / changesPerMonth : Double.POSITIVE_INFINITY;
        for (int m = 1; m <= span; m++) {
            while (next <= m + 1e-9) {
                double at = Math.min(next, m);
                points.add(new double[] {at, trainingCost * runs + tunedMonthly * at});
                runs++;
                points.add(new double[] {at, trainingCost * runs + tunedMonthly * at});
                retraining++;
                next = retraining / changesPerMonth;
            }
            double[] last = points.get(points.size() - 1);
            if (last[0] != m) {
                points.add(new double[] {m, trainingCost * runs + tunedMonthly * m});
            }
        }
        return points;
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

    /** One decimal, as the cost figures and texts next to the chart give it. */
    static String months(double months) {
        return io.triage.engine.Figures.months(months);
    }
}
