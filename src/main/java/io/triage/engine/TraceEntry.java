package io.triage.engine;

import java.util.List;

/**
 * One rule firing: its sequence number, the rule's id, the facts it matched (as they were when it
 * fired), the facts its consequence inserted and any it retracted. Facts are kept as the engine
 * saw them: immutable fact-model objects by reference, anything else as a JSON snapshot.
 */
public record TraceEntry(int seq, String rule, List<Object> matched, List<Object> produced, List<Object> retracted) {
}
