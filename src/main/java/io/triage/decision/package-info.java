/**
 * Stage 4, a decision: answers in, evaluation, the canonical record built, stored through the
 * decision log and acknowledged only once stored; idempotency keys make a resent request store
 * once. A preview runs the same validation and evaluation and stores nothing.
 */
package io.triage.decision;
