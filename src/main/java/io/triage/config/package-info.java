/**
 * Configuration, read before any stage runs: the triage.* settings, the database selection and
 * one-line startup refusals. It depends on no other io.triage package, so every stage can read it.
 */
package io.triage.config;
