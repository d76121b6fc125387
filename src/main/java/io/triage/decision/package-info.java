/**
 * Stage 4, a decision: answers in, evaluation, the canonical record built, stored through the
 * decision log and acknowledged only once stored; idempotency keys make a resent request store
 * once.
 */
package io.triage.decision;
