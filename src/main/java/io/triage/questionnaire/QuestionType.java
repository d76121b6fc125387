package io.triage.questionnaire;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

public enum QuestionType {
    CHOICE("choice"),
    YES_NO("yes_no"),
    NUMBER("number");

    private final String id;

    QuestionType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<QuestionType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
