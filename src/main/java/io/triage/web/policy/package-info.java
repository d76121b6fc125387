/**
 * Pages for policy owners: rule-set versions, uploads, validation reports, impact analyses,
 * approval and activation.
 */
package io.triage.web.policy;
