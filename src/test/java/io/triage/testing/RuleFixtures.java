package io.triage.testing;

/** Rule files the tests share. */
public final class RuleFixtures {

    /**
     * A rule that does not compile: line 7, column 37 names a field {@code Answer} does not have
     * ({@code colour}). Replacing {@code colour} with {@code text} makes it compile, as rule "broken".
     */
    public static final String BROKEN_RULE = """
            package rules;
            import io.triage.facts.Answer;

            rule "Broken"
                @id("broken") @source("Triage tests")
            when
                Answer(question == "task_type", colour == "red")
            then
            end
            """;

    private RuleFixtures() {
    }
}
