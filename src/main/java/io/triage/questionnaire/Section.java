package io.triage.questionnaire;

import java.util.List;

public record Section(String id, String title, List<Question> questions) {

    public Section {
        questions = List.copyOf(questions);
    }
}
