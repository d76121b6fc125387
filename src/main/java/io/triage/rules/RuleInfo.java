package io.triage.rules;

/** A rule of a compiled rule set: its stable id (from {@code @id}), DRL name and source file. */
public record RuleInfo(String id, String name, String file) {
}
