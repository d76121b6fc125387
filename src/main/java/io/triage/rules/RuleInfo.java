package io.triage.rules;

/**
 * A rule of a compiled rule set: its stable id (from {@code @id}), DRL name, source file and the
 * guidance it encodes (from {@code @source}; null for a rule written before sources were required).
 */
public record RuleInfo(String id, String name, String file, String source) {
}
