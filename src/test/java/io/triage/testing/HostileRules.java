package io.triage.testing;

/** Rule files that stay inside the rule language and still attack the machine, shared by the containment tests. */
public final class HostileRules {

    /** A join over every answer five times over: billions of partial matches, so memory and time run out. */
    public static final String EXPLODES = """
            package rules;
            import io.triage.facts.Answer;
            import io.triage.facts.Term;
            rule "Explodes"
                @id("explodes") @source("Triage tests")
            when
                Answer($a : question)
                Answer($b : question)
                Answer($c : question)
                Answer($d : question)
                Answer($e : question)
                Answer(question != $e, number < -1)
            then
                insert(new Term("never"));
            end
            """;

    private HostileRules() {
    }
}
