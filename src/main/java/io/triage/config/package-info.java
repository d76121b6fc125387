/**
 * Configuration: the triage.* settings, database selection, one-line startup refusals and the
 * bean wiring of the engine and policy stages.
 */
package io.triage.config;
