package io.triage.web;

import io.triage.rules.RecommendationKind;
import io.quarkus.qute.TemplateData;
import io.triage.engine.Figures;
import io.triage.explain.AskNext;
import io.triage.explain.Explainer;
import io.triage.explain.WhatWouldChange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "What would change the advice" and "questions worth asking next" as the result page shows them:
 * strategies, prerequisites and cautions (talk tracks follow beliefs and are left to the API), each
 * change a short phrase in the questionnaire's words.
 */
@TemplateData
public record ExplainView(List<CodeView> codes, List<AskView> askNext, boolean complete) {

    @TemplateData
    public record CodeView(String code, String title, boolean present, boolean askedAbout, String status,
                           List<ChangeView> changes) {
        public boolean hasChanges() {
            return !changes.isEmpty();
        }
    }

    @TemplateData
    public record ChangeView(String question, String label, String change, String effect) {
    }

    @TemplateData
    public record AskView(String question, String label, String status, List<String> outcomes) {
    }

    private static final List<RecommendationKind> SHOWN = List.of(RecommendationKind.STRATEGY, RecommendationKind.PREREQUISITE,
            RecommendationKind.CAUTION);

    /** A stored decision's explanations, titled as the decision itself titles its codes. */
    public static ExplainView of(Explainer.Both both, DecisionView decision) {
        Map<String, String> titles = new java.util.HashMap<>();
        for (var items : List.of(decision.strategies(), decision.prerequisites(), decision.cautions(), decision.talkTracks())) {
            items.forEach(i -> titles.put(i.code(), i.title()));
        }
        return of(both.whatWouldChange(), both.askNext(), titles);
    }

    /**
     * @param titles the decision's own titles by code (placeholders filled in); other codes use the
     *               catalogue title
     */
    public static ExplainView of(WhatWouldChange changes, AskNext next, Map<String, String> titles) {
        List<CodeView> codes = new ArrayList<>();
        for (WhatWouldChange.CodeChanges c : changes.codes()) {
            if (!SHOWN.contains(c.kind())) {
                continue;
            }
            List<ChangeView> lines = new ArrayList<>();
            for (WhatWouldChange.Change ch : c.changes()) {
                String phrase = switch (ch.direction()) {
                    case "below" -> "below " + plain(ch.threshold()) + " (now " + plain((BigDecimal) ch.from()) + ")";
                    case "from" -> plain(ch.threshold()) + " or more (now " + plain((BigDecimal) ch.from()) + ")";
                    default -> ch.text();
                };
                if (ch.defaulted()) {
                    phrase += ", the default assumed";
                }
                String effect = ch.effect().equals("removes")
                        ? (c.kind() == RecommendationKind.STRATEGY ? "no longer recommended" : "no longer needed")
                        : (c.kind() == RecommendationKind.STRATEGY ? "would be recommended" : "would be added");
                lines.add(new ChangeView(ch.question(), ch.label(), phrase, effect));
            }
            String status = c.present() ? "now in the advice"
                    : c.askedAbout() ? "not in the advice, though the buyer asked about it" : "not in the advice";
            codes.add(new CodeView(c.code(), titles.getOrDefault(c.code(), c.title()), c.present(), c.askedAbout(), status,
                    lines));
        }
        List<AskView> ask = new ArrayList<>();
        for (AskNext.Suggestion s : next.questions()) {
            List<String> outcomes = new ArrayList<>();
            for (AskNext.Outcome o : s.outcomes()) {
                List<String> parts = new ArrayList<>();
                o.adds().forEach(code -> parts.add("adds “" + titles.getOrDefault(code, title(changes, code)) + "”"));
                o.removes().forEach(code -> parts.add("removes “" + titles.getOrDefault(code, title(changes, code)) + "”"));
                outcomes.add(o.answerText() + ": " + String.join("; ", parts));
            }
            ask.add(new AskView(s.question(), s.label(), s.text(), outcomes));
        }
        return new ExplainView(codes, ask, changes.complete() && next.complete());
    }

    private static String title(WhatWouldChange changes, String code) {
        return changes.codes().stream().filter(c -> c.code().equals(code)).map(WhatWouldChange.CodeChanges::title)
                .findFirst().orElse(code);
    }

    private static String plain(BigDecimal n) {
        return Figures.plain(n);
    }
}
