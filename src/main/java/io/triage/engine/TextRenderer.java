package io.triage.engine;

import io.triage.facts.Answer;
import io.triage.facts.Parameter;
import io.triage.rules.TextTemplates;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the placeholders of one decision's texts from its effective answers, the rule set's
 * parameters and its cost estimate. A placeholder with no value here (a question left unanswered,
 * no cost estimate, no break-even) stays in the text as written and is reported as a gap: the
 * validation gate refuses a rule set whose texts leave gaps for some answers.
 */
final class TextRenderer {

    private final Map<String, Answer> answers;
    private final Map<String, Parameter> parameters;
    private final CostResult cost;

    TextRenderer(List<Answer> answers, List<Parameter> parameters, CostResult cost) {
        this.answers = new HashMap<>(answers.size() * 4 / 3 + 1);
        this.parameters = new HashMap<>(parameters.size() * 4 / 3 + 1);
        answers.forEach(a -> this.answers.put(a.getQuestion(), a));
        parameters.forEach(p -> this.parameters.put(p.getName(), p));
        this.cost = cost;
    }

    /** The text with every placeholder that has a value filled in; gaps are added as "CODE: {name}". */
    String render(String code, String text, List<String> gaps) {
        return render(code, text, gaps, null);
    }

    /**
     * A term's label: as {@link #render(String, String, List)}, and {@code {value}} is the term's own
     * number (a gap for a term that has none).
     */
    String renderTerm(String term, String label, Double value, List<String> gaps) {
        return render("term " + term, label, gaps, value == null ? null : Figures.upTo(value, 2));
    }

    private String render(String code, String text, List<String> gaps, String ownValue) {
        if (text == null || text.indexOf('{') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (TextTemplates.Part part : TextTemplates.parsed(text)) {
            if (part.placeholder() == null) {
                out.append(part.literal());
                continue;
            }
            String value = ownValue != null && part.placeholder().equals(io.triage.rules.TermLabels.VALUE)
                    ? ownValue : value(part.placeholder());
            if (value == null) {
                gaps.add(code + ": {" + part.placeholder() + "}");
                out.append('{').append(part.placeholder()).append('}');
            } else {
                out.append(value);
            }
        }
        return out.toString();
    }

    private String value(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter != null) {
            return Figures.plain(parameter.getExact());
        }
        Answer answer = answers.get(name);
        if (answer != null) {
            return answer(answer.getValue());
        }
        return cost == null || !cost.withRetraining() ? null : costFigure(name);
    }

    private static String answer(Object value) {
        if (value instanceof BigDecimal n) {
            return Figures.plain(n);
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return value.toString().replace('_', ' ');
    }

    private String costFigure(String name) {
        return switch (name) {
            case "monthly_prompt_cost" -> Figures.money(cost.monthlyPromptCost());
            case "monthly_saving" -> Figures.money(cost.monthlySavingIfFineTuned());
            case "retraining_cost_per_month" -> Figures.money(cost.retrainingCostPerMonth());
            case "net_monthly_saving" -> Figures.money(cost.netMonthlySaving());
            case "break_even_months" -> cost.breakEvenMonths() == null ? null : Figures.months(cost.breakEvenMonths());
            case "behavior_changes_per_month" -> Figures.upTo(cost.behaviorChangesPerMonth(), 2);
            case "training_runs_over_horizon" -> Figures.upTo(cost.trainingRunsOverHorizon(), 1);
            default -> null;
        };
    }
}
