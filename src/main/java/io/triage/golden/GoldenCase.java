package io.triage.golden;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One golden case: answers and what a rule set must conclude from them. Loaded from a YAML file
 * under {@code test-cases/}; the file name (without .yaml) is the case's name.
 *
 * <pre>
 * description: Policy knowledge is a retrieval problem
 * answers: { must_know_org_content: true }
 * expect:
 *   present: [RAG]                  # codes that must be recommended
 *   absent: [FINE_TUNE_LORA]        # codes that must not be
 *   rules: [strategy-rag]           # optional: rule ids that must have fired
 *   cost:                           # optional: figures, compared to as many decimals as written
 *     monthlyPromptCost: 5000
 *     breakEvenMonths: 0.143
 *     retrainingCostPerMonth: 2166.67   # and the other cost v2 figures, amortizes, highVolume
 *   noCost: true                    # optional: no cost estimate at all
 *   variants: { PROMPTING: below_high_volume }     # optional: the text variant a rule chose
 *   rationale: { PROMPTING: "99,999 calls" }       # optional: words the rendered rationale holds
 * </pre>
 */
public record GoldenCase(String name, String file, String description, JsonNode answers, Expect expect) {

    public record Expect(List<String> present, List<String> absent, List<String> rules, Cost cost, Boolean noCost,
                         Map<String, String> variants, Map<String, String> rationale) {

        public Expect {
            present = present == null ? List.of() : List.copyOf(present);
            absent = absent == null ? List.of() : List.copyOf(absent);
            rules = rules == null ? List.of() : List.copyOf(rules);
            variants = variants == null ? Map.of() : new java.util.LinkedHashMap<>(variants);
            rationale = rationale == null ? Map.of() : new java.util.LinkedHashMap<>(rationale);
        }

        /** Only the codes that must and must not be concluded, as invariant counterexamples state them. */
        public static Expect codes(List<String> present, List<String> absent) {
            return new Expect(present, absent, null, null, null, null, null);
        }

        public boolean isEmpty() {
            return present.isEmpty() && absent.isEmpty() && rules.isEmpty() && cost == null && noCost == null
                    && variants.isEmpty() && rationale.isEmpty();
        }
    }

    public record Cost(BigDecimal monthlyPromptCost, BigDecimal monthlySavingIfFineTuned, BigDecimal breakEvenMonths,
                       Boolean neverBreaksEven, BigDecimal behaviorChangesPerMonth, BigDecimal retrainingCostPerMonth,
                       BigDecimal netMonthlySaving, BigDecimal trainingRunsOverHorizon, Boolean amortizes,
                       Boolean highVolume) {
    }
}
