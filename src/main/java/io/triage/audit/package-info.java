/**
 * Auditing: verifying the hash chain, replaying stored decisions on the exact version that made
 * them, exporting bundles and verifying them offline; the cache of compiled trusted versions.
 */
package io.triage.audit;
