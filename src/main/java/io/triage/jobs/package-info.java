/**
 * Background jobs on top of the audit and policy stages: the impact analysis of a version and the
 * replay of every stored decision, run by the instance that accepted them, with progress, a
 * heartbeat and cancelling recorded in the store so every instance shows them.
 */
package io.triage.jobs;
