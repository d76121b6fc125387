/**
 * The fact model rules are written against. DRL files import from this package only (plus a small
 * allow-list of java.util / java.math), which the safety check enforces. Every class here is
 * immutable: a fact seen by a rule keeps the value it had when the rule matched, so the trace can
 * keep references instead of copies.
 */
package io.triage.facts;
