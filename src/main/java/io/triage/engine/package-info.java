/**
 * Stage 3, evaluation: one rule-set version run on one set of effective answers within a budget,
 * and the recommendations, cost estimate, texts, evidence and trace read back from what the
 * engine reported. Pure: no database, no HTTP.
 */
package io.triage.engine;
