/**
 * Pages for auditors: the decision log with filters, a decision's trace, replay, chain
 * verification and exports.
 */
package io.triage.web.audit;
