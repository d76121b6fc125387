package io.triage.facts;

/** Marker for the immutable facts of this package; the trace keeps references to them as they are. */
public interface Fact {
}
