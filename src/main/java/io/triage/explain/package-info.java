/**
 * After a decision, what would change it: counterfactuals (one answer changed, a number's exact
 * threshold) and the questions worth asking next, found by running the decision's own trusted
 * rule-set version on the alternatives; deterministic and bounded by a count of engine runs.
 */
package io.triage.explain;
