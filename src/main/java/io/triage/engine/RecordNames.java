package io.triage.engine;

import io.triage.json.CanonicalWriter.Name;

/** The keys and fixed values of a stored evaluation, prepared once for {@link EvaluationJson} and {@link FactJson}. */
final class RecordNames {

    static final Name AMORTIZES = Name.of("amortizes");
    static final Name ANSWER = Name.of("answer");
    static final Name ASSUMPTIONS = Name.of("assumptions");
    static final Name AVOID = Name.of("avoid");
    static final Name BECAUSE = Name.of("because");
    static final Name BEHAVIOR_CHANGES_PER_MONTH = Name.of("behaviorChangesPerMonth");
    static final Name BLOCKING = Name.of("blocking");
    static final Name BREAK_EVEN_MONTHS = Name.of("breakEvenMonths");
    static final Name CODE = Name.of("code");
    static final Name COST = Name.of("cost");
    static final Name DEFAULTED = Name.of("defaulted");
    static final Name DEFAULTS = Name.of("defaults");
    static final Name EVIDENCE = Name.of("evidence");
    static final Name FACT = Name.of("fact");
    static final Name HIGH_VOLUME = Name.of("highVolume");
    static final Name KIND = Name.of("kind");
    static final Name MATCHED = Name.of("matched");
    static final Name MONTHLY_PROMPT_COST = Name.of("monthlyPromptCost");
    static final Name MONTHLY_SAVING_IF_FINE_TUNED = Name.of("monthlySavingIfFineTuned");
    static final Name NAME = Name.of("name");
    static final Name NET_MONTHLY_SAVING = Name.of("netMonthlySaving");
    static final Name PARAMETER = Name.of("parameter");
    static final Name PARAMETERS = Name.of("parameters");
    static final Name PRODUCED = Name.of("produced");
    static final Name QUESTION = Name.of("question");
    static final Name RATIONALE = Name.of("rationale");
    static final Name RECOMMENDATIONS = Name.of("recommendations");
    static final Name REPEATED = Name.of("repeated");
    static final Name RETRACTED = Name.of("retracted");
    static final Name RETRAINING_COST_PER_MONTH = Name.of("retrainingCostPerMonth");
    static final Name RULE = Name.of("rule");
    static final Name SAY = Name.of("say");
    static final Name SEQ = Name.of("seq");
    static final Name SOURCE = Name.of("source");
    static final Name TEXT = Name.of("text");
    static final Name TITLE = Name.of("title");
    static final Name TRACE = Name.of("trace");
    static final Name TRAINING_RUNS_OVER_HORIZON = Name.of("trainingRunsOverHorizon");
    static final Name VALUE = Name.of("value");
    static final Name VARIANT = Name.of("variant");
    static final Name WHY = Name.of("why");

    // the fact types a trace names
    static final Name ANSWER_FACT = Name.of("Answer");
    static final Name COST_ESTIMATE_FACT = Name.of("CostEstimate");
    static final Name PARAMETER_FACT = Name.of("Parameter");
    static final Name RECOMMENDATION_FACT = Name.of("Recommendation");
    static final Name TERM_FACT = Name.of("Term");

    private RecordNames() {
    }
}
