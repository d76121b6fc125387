/**
 * Stage 0, shared by every stage: canonical JSON (sorted keys, fixed number forms) and SHA-256.
 * Every stored record, hash and export is written here, so that the same decision always has the
 * same bytes.
 */
package io.triage.json;
