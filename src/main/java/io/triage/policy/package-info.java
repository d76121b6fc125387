/**
 * Policy changes: a candidate rule set (from disk or upload) recorded, validated in the confined
 * worker (golden cases, coverage, invariants, lint), and only then activated atomically;
 * approval, the two-person rule, impact analysis and the startup authority of the recorded
 * activation.
 */
package io.triage.policy;
