package io.triage.rules.language;

/**
 * Whether a rule may conclude a recommendation code (and text variant) it names literally: what the
 * catalogue of the same rule set knows. A computed code is checked again when it is inserted.
 */
@FunctionalInterface
public interface ConclusionCheck {

    /** @return null when the code (and variant, if not null) may be concluded, else why not */
    String problem(String code, String variant);
}
