/**
 * Stage 4, a decision: answers in, evaluation, the canonical record built, stored through the
 * decision log and acknowledged only once stored; idempotency keys make a resent request store
 * once. A preview runs the same validation and evaluation and stores nothing. Stored decisions
 * are read back here too, one or a page at a time.
 */
package io.triage.decision;
