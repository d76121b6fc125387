package io.triage.web;

import io.triage.rules.RecommendationKind;
import io.quarkus.qute.TemplateData;

import com.fasterxml.jackson.databind.JsonNode;
import io.triage.engine.Figures;
import io.triage.json.CanonicalJson;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.Questionnaire;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A stored decision as the pages show it, read from its record (the same JSON the API returns):
 * the strategy in one sentence, the items grouped by kind, each with its reason and the answers
 * behind it in the questionnaire's own words, the cost crossover and the record's identity.
 */
@TemplateData
public record DecisionView(String id, String createdAt, String submittedBy, String rulesetVersion,
                           String questionnaireVersion, String recordHash, String previousHash, String strategySentence,
                           List<Item> strategies, List<Item> prerequisites, List<Item> cautions, List<Item> talkTracks,
                           Cost cost, List<AnswerLine> answers, List<TraceLine> trace, String json) {

    /**
     * {@code why} is the why-tree (one node per firing that concluded it), empty for decisions made
     * before why-trees; {@code source} is the guidance the concluding rule names, or the text's source
     * for those older decisions.
     */
    @TemplateData
    public record Item(String code, String kind, String title, String rationale, String source, String rule,
                       boolean blocking, String avoid, String say, List<AnswerLine> evidence, List<WhyLine> why) {

        public boolean hasWhy() {
            return !why.isEmpty();
        }
    }

    /** A node of a why-tree as shown: its sentence, and what it rests on (expandable) unless it is a leaf. */
    @TemplateData
    public record WhyLine(String kind, String name, String text, String rule, String source, boolean defaulted,
                          boolean repeated, List<WhyLine> because) {

        public boolean expandable() {
            return !because.isEmpty();
        }

        public boolean answer() {
            return "answer".equals(kind);
        }

        public boolean parameter() {
            return "parameter".equals(kind);
        }

        /** A repeated answer or parameter is referred to, not shown again: its question or meaning without the value. */
        public String label() {
            int question = text.indexOf('?');
            if (question > 0) {
                return text.substring(0, question + 1);
            }
            int colon = text.lastIndexOf(": ");
            return colon > 0 ? text.substring(0, colon) : text;
        }
    }

    /** An answer, or (when {@code parameter}) a policy parameter named by {@code question}. */
    @TemplateData
    public record AnswerLine(String question, String label, String value, boolean defaulted, boolean parameter) {
    }

    /** The figures as shown; the retraining ones are null for a decision made before cost v2. */
    @TemplateData
    public record Cost(String monthlyPromptCost, String monthlySaving, String breakEven, List<AnswerLine> assumptions,
                       CostChart chart, String retrainingCost, String netSaving, String trainingRuns, String highVolume) {
    }

    @TemplateData
    public record TraceLine(int seq, String rule, String matched, String produced) {
    }

    public static DecisionView of(JsonNode record, Optional<Questionnaire> questionnaire) {
        List<Item> strategies = new ArrayList<>();
        List<Item> prerequisites = new ArrayList<>();
        List<Item> cautions = new ArrayList<>();
        List<Item> talkTracks = new ArrayList<>();
        for (JsonNode r : record.path("recommendations")) {
            List<AnswerLine> evidence = new ArrayList<>();
            for (JsonNode e : r.path("evidence")) {
                evidence.add(e.has("parameter") ? parameterLine(e.path("parameter").asText(), e.get("value"))
                        : line(questionnaire, e.path("question").asText(), e.get("answer"), e.path("defaulted").asBoolean()));
            }
            List<WhyLine> why = why(r.path("why"));
            String source = why.isEmpty() || why.get(0).source() == null ? text(r, "source") : why.get(0).source();
            Item item = new Item(r.path("code").asText(), r.path("kind").asText(), r.path("title").asText(),
                    r.path("rationale").asText(), source, r.path("rule").asText(), r.path("blocking").asBoolean(),
                    text(r, "avoid"), text(r, "say"), evidence, why);
            switch (RecommendationKind.of(item.kind()).orElse(RecommendationKind.TALK_TRACK)) {
                case STRATEGY -> strategies.add(item);
                case PREREQUISITE -> prerequisites.add(item);
                case CAUTION -> cautions.add(item);
                case TALK_TRACK -> talkTracks.add(item);
            }
        }
        List<String> defaulted = new ArrayList<>();
        record.path("defaultsApplied").forEach(d -> defaulted.add(d.asText()));
        List<AnswerLine> answers = new ArrayList<>();
        record.path("answers").fields().forEachRemaining(e ->
                answers.add(line(questionnaire, e.getKey(), e.getValue(), defaulted.contains(e.getKey()))));
        questionnaire.ifPresent(q -> answers.sort(java.util.Comparator.comparingInt(a -> q.positionOf(a.question()))));

        List<TraceLine> trace = new ArrayList<>();
        for (JsonNode t : record.path("trace")) {
            trace.add(new TraceLine(t.path("seq").asInt(), t.path("rule").asText(), facts(t.path("matched")),
                    facts(t.path("produced"))));
        }
        return new DecisionView(record.path("id").asText(), record.path("createdAt").asText(),
                record.path("submittedBy").asText(), record.path("rulesetVersion").asText(),
                record.path("questionnaireVersion").asText(), text(record, "recordHash"), text(record, "previousHash"),
                sentence(strategies), strategies, prerequisites, cautions, talkTracks, cost(record, questionnaire), answers,
                trace, pretty(record));
    }

    static List<WhyLine> why(JsonNode nodes) {
        List<WhyLine> lines = new ArrayList<>();
        for (JsonNode n : nodes) {
            lines.add(new WhyLine(n.path("kind").asText(), text(n, "name"), n.path("text").asText(), text(n, "rule"),
                    text(n, "source"), n.path("defaulted").asBoolean(), n.path("repeated").asBoolean(), why(n.path("because"))));
        }
        return lines;
    }

    /** The items under the headings a short summary uses (the live preview). */
    @TemplateData
    public record Group(String title, List<Item> items) {
    }

    public List<Group> groups() {
        return List.of(new Group("Strategy", strategies), new Group("First", prerequisites),
                new Group("Cautions", cautions), new Group("What to say", talkTracks));
    }

    /** Prerequisites with the blocking ones (to be done before anything else) first. */
    public List<Item> firstSteps() {
        List<Item> steps = new ArrayList<>(prerequisites);
        steps.sort(java.util.Comparator.comparing(i -> !i.blocking()));
        return steps;
    }

    public boolean hasRecommendations() {
        return !(strategies.isEmpty() && prerequisites.isEmpty() && cautions.isEmpty() && talkTracks.isEmpty());
    }

    private static String sentence(List<Item> strategies) {
        if (strategies.isEmpty()) {
            return "No strategy follows from these answers yet: say what the task is and how many calls a month to expect.";
        }
        List<String> titles = new ArrayList<>();
        for (Item s : strategies) {
            titles.add(titles.isEmpty() ? s.title() : midSentence(s.title()));
        }
        String joined = titles.size() == 1 ? titles.get(0)
                : String.join(", ", titles.subList(0, titles.size() - 1)) + " and " + titles.get(titles.size() - 1);
        return joined.endsWith(".") ? joined : joined + ".";
    }

    /** "Configure the behavior" reads "configure the behavior" after "and"; "RAG first" stays as it is. */
    private static String midSentence(String title) {
        return title.length() > 1 && Character.isUpperCase(title.charAt(0)) && Character.isLowerCase(title.charAt(1))
                ? Character.toLowerCase(title.charAt(0)) + title.substring(1) : title;
    }

    private static Cost cost(JsonNode record, Optional<Questionnaire> questionnaire) {
        JsonNode cost = record.path("cost");
        if (!cost.isObject()) {
            return null;
        }
        JsonNode assumptions = cost.path("assumptions");
        List<String> defaults = new ArrayList<>();
        cost.path("defaults").forEach(d -> defaults.add(d.asText()));
        List<AnswerLine> lines = new ArrayList<>();
        assumptions.fields().forEachRemaining(e -> lines.add(line(questionnaire, e.getKey(), e.getValue(), defaults.contains(e.getKey()))));
        questionnaire.ifPresent(q -> lines.sort(java.util.Comparator.comparingInt(a -> q.positionOf(a.question()))));
        cost.path("parameters").fields().forEachRemaining(e -> lines.add(parameterLine(e.getKey(), e.getValue())));
        double monthly = cost.path("monthlyPromptCost").asDouble();
        double saving = cost.path("monthlySavingIfFineTuned").asDouble();
        Double breakEven = cost.path("breakEvenMonths").isNumber() ? cost.path("breakEvenMonths").asDouble() : null;
        boolean v2 = cost.path("netMonthlySaving").isNumber();
        CostChart chart = CostChart.of(monthly, saving, assumptions.path("fine_tune_training_cost").asDouble(),
                assumptions.path("payback_horizon_months").asInt(12), breakEven, cost.path("behaviorChangesPerMonth").asDouble(0));
        String never = v2 ? "never (no saving once retraining is paid)" : "never (no saving per call)";
        return new Cost(usd(monthly), usd(saving), breakEven == null ? never : Figures.months(breakEven) + " months", lines, chart,
                v2 ? usd(cost.path("retrainingCostPerMonth").asDouble()) : null,
                v2 ? usd(cost.path("netMonthlySaving").asDouble()) : null,
                v2 ? Figures.upTo(cost.path("trainingRunsOverHorizon").asDouble(), 1) : null,
                v2 ? (cost.path("highVolume").asBoolean() ? "yes" : "no") + highVolumeThreshold(cost) : null);
    }

    private static String highVolumeThreshold(JsonNode cost) {
        JsonNode threshold = cost.path("parameters").path("high_volume_calls_per_month");
        return threshold.isNumber() ? " (from " + Numbers.readable(threshold.decimalValue()) + " calls a month)" : "";
    }

    private static AnswerLine line(Optional<Questionnaire> questionnaire, String questionId, JsonNode value, boolean defaulted) {
        Optional<Question> question = questionnaire.flatMap(q -> q.question(questionId));
        return new AnswerLine(questionId, question.map(Question::label).orElse(questionId),
                display(question, value), defaulted, false);
    }

    static AnswerLine parameterLine(String name, JsonNode value) {
        return new AnswerLine(name, "Policy parameter " + name.replace('_', ' ') + ":", display(Optional.empty(), value), false, true);
    }

    /** An answer in words: a choice's label, yes/no, a number as written. */
    static String display(Optional<Question> question, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "not answered";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "yes" : "no";
        }
        if (value.isNumber()) {
            return Numbers.readable(new BigDecimal(value.asText()));
        }
        String text = value.asText();
        return question.map(q -> q.type().shown(text)).orElse(text);
    }

    private static String pretty(JsonNode record) {
        try {
            return CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String usd(double amount) {
        return (amount < 0 ? "-$" : "$") + Figures.money(Math.abs(amount));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String facts(JsonNode facts) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : facts) {
            String kind = f.path("fact").asText();
            out.add(switch (kind) {
                case "Answer" -> f.path("question").asText() + " = " + f.path("value");
                case "Term" -> "term " + f.path("name").asText() + (f.has("value") ? " = " + f.path("value") : "");
                case "Recommendation" -> f.path("code").asText() + (f.has("variant") ? " (" + f.path("variant").asText() + ")" : "");
                case "Parameter" -> "parameter " + f.path("name").asText() + " = " + f.path("value");
                case "CostEstimate" -> "cost estimate";
                default -> f.toString();
            });
        }
        return out.stream().collect(Collectors.joining(", "));
    }
}
