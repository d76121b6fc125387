/**
 * Auditing, after decisions are stored: verifying the hash chain, replaying stored decisions on
 * the exact version that made them, exporting bundles and verifying them offline.
 */
package io.triage.audit;
