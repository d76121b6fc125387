/**
 * What the service has recorded, as plain values read back from the store: stored decisions, the
 * query that selects them and the idempotency key a decision was asked with, the hash chain that
 * links them, rule-set candidates, approvals, activations and validation attempts, stored sources,
 * change notes and background jobs. The store writes and reads them; the stages above and the
 * adapters use them without reaching into the store.
 */
package io.triage.history;
