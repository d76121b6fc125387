package io.triage.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.triage.questionnaire.Question;
import io.triage.questionnaire.NumberType;
import io.triage.questionnaire.Questionnaire;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Questionnaires to check invariants on, generated from the questionnaire itself and the
 * thresholds found in the rule set. Seeded: the same rule set and seed always give the same
 * answers in the same order, so a refusal can be reproduced. In order:
 * <ol>
 *   <li>the sweep: every choice value, yes and no, and for every number question its minimum,
 *   maximum, default and both sides of every threshold, each once on a golden case's answers and
 *   once on random answers;</li>
 *   <li>{@code randomCount} more: alternately random answers and a golden case with one to three
 *   answers changed or removed.</li>
 * </ol>
 */
final class AnswerSampler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Questionnaire questionnaire;
    private final List<Question> questions = new ArrayList<>();
    private final Map<String, Set<BigDecimal>> thresholds;
    private final List<JsonNode> golden;
    private final Random random;

    AnswerSampler(Questionnaire questionnaire, Map<String, Set<BigDecimal>> thresholds, List<JsonNode> golden, long seed) {
        this.questionnaire = questionnaire;
        questionnaire.questions().forEach(questions::add);
        this.thresholds = thresholds;
        this.golden = golden;
        this.random = new Random(seed);
    }

    List<ObjectNode> samples(int randomCount) {
        List<ObjectNode> samples = new ArrayList<>();
        int sweep = 0;
        for (Question q : questions) {
            for (JsonNode value : pool(q)) {
                if (!golden.isEmpty()) {
                    samples.add(with(copy(golden.get(sweep++ % golden.size())), q, value));
                }
                samples.add(with(randomAnswers(), q, value));
            }
        }
        for (int i = 0; i < randomCount; i++) {
            samples.add(i % 2 == 0 || golden.isEmpty() ? randomAnswers() : mutated(golden.get(random.nextInt(golden.size()))));
        }
        return samples;
    }

    /** The values worth trying for a question, in a fixed order. */
    List<JsonNode> pool(Question q) {
        if (q.type() instanceof NumberType number) {
            List<JsonNode> values = new ArrayList<>();
            numbers(q, number).forEach(n -> values.add(JSON.numberNode(n)));
            return values;
        }
        return q.type().samples();
    }

    private Set<BigDecimal> numbers(Question q, NumberType number) {
        Set<BigDecimal> numbers = new LinkedHashSet<>();
        numbers.add(number.min());
        numbers.add(number.max());
        if (q.defaultValue() instanceof BigDecimal d) {
            numbers.add(d);
        }
        BigDecimal step = number.integer() || number.max().subtract(number.min()).compareTo(BigDecimal.TEN) >= 0
                ? BigDecimal.ONE : new BigDecimal("0.01");
        for (BigDecimal t : thresholds.getOrDefault(q.id(), Set.of())) {
            for (BigDecimal n : List.of(t.subtract(step), t, t.add(step))) {
                if (n.compareTo(number.min()) >= 0 && n.compareTo(number.max()) <= 0 && (!number.integer() || isWhole(n))) {
                    numbers.add(n.stripTrailingZeros());
                }
            }
        }
        return numbers;
    }

    private ObjectNode randomAnswers() {
        ObjectNode answers = JSON.objectNode();
        for (Question q : questions) {
            if (random.nextInt(2) == 0) {
                answers.set(q.id(), randomValue(q));
            }
        }
        return answers;
    }

    private ObjectNode mutated(JsonNode base) {
        ObjectNode answers = copy(base);
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            Question q = questions.get(random.nextInt(questions.size()));
            if (random.nextInt(4) == 0) {
                answers.remove(q.id());
            } else {
                answers.set(q.id(), randomValue(q));
            }
        }
        return answers;
    }

    private JsonNode randomValue(Question q) {
        if (!(q.type() instanceof NumberType number) || random.nextInt(5) < 3) {
            List<JsonNode> pool = pool(q);
            return pool.get(random.nextInt(pool.size()));
        }
        // spread over orders of magnitude: a uniform draw from 0..10 billion is almost always in the billions
        double low = Math.max(number.min().doubleValue(), 1);
        double high = Math.max(number.max().doubleValue(), low);
        double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
        BigDecimal n = BigDecimal.valueOf(value).setScale(number.integer() ? 0 : 2, RoundingMode.HALF_UP);
        return JSON.numberNode(n.max(number.min()).min(number.max()).stripTrailingZeros());
    }

    private ObjectNode with(ObjectNode answers, Question q, JsonNode value) {
        answers.set(q.id(), value);
        return answers;
    }

    private ObjectNode copy(JsonNode base) {
        ObjectNode answers = JSON.objectNode();
        // only answers the questionnaire knows: a golden case of another version may name others
        base.fields().forEachRemaining(e -> {
            if (questionnaire.question(e.getKey()).isPresent()) {
                answers.set(e.getKey(), e.getValue());
            }
        });
        return answers;
    }

    private static boolean isWhole(BigDecimal n) {
        return n.stripTrailingZeros().scale() <= 0;
    }
}
