package io.triage.questionnaire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questionnaire of one rule-set version: sections of questions, loaded from data so that a
 * policy owner can add a question without touching Java. Its version is the SHA-256 of its source.
 */
public final class Questionnaire {

    private final String version;
    private final String title;
    private final List<Section> sections;
    // INVARIANT: iteration order is questionnaire order; evidence and effective answers follow it.
    private final Map<String, Question> byId;
    private final Map<String, Integer> position;

    Questionnaire(String version, String title, List<Section> sections) {
        this.version = version;
        this.title = title;
        this.sections = List.copyOf(sections);
        Map<String, Question> questions = new LinkedHashMap<>();
        Map<String, Integer> order = new LinkedHashMap<>();
        for (Section section : sections) {
            for (Question question : section.questions()) {
                order.put(question.id(), questions.size());
                questions.put(question.id(), question);
            }
        }
        this.byId = Collections.unmodifiableMap(questions);
        this.position = Collections.unmodifiableMap(order);
    }

    public String version() {
        return version;
    }

    public String title() {
        return title;
    }

    public List<Section> sections() {
        return sections;
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Iterable<Question> questions() {
        return byId.values();
    }

    /** Position of a question in questionnaire order; unknown ids sort last. */
    public int positionOf(String questionId) {
        return position.getOrDefault(questionId, Integer.MAX_VALUE);
    }

    /** The public JSON shape served by {@code GET /api/questionnaire}. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("version", version);
        root.put("title", title);
        ArrayNode sectionsJson = root.putArray("sections");
        for (Section section : sections) {
            ObjectNode s = sectionsJson.addObject();
            s.put("id", section.id());
            s.put("title", section.title());
            ArrayNode questionsJson = s.putArray("questions");
            for (Question q : section.questions()) {
                ObjectNode qj = questionsJson.addObject();
                qj.put("id", q.id());
                qj.put("type", q.type().name());
                qj.put("label", q.label());
                qj.put("help", q.help());
                q.type().describe(qj);
                if (q.hasDefault()) {
                    qj.set("default", q.type().json(q.defaultValue()));
                }
                if (q.required()) {
                    qj.put("required", true);
                }
            }
        }
        return root;
    }
}
