/**
 * Shared by every stage that reads input: the strict JSON and YAML readers, number limits, the
 * input errors that become problem JSON naming the offending field, and the refusal every stage
 * raises when the store cannot be reached. Depends on nothing else in Triage.
 */
package io.triage.common;
