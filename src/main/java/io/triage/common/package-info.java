/**
 * Shared by every stage that reads input: the strict JSON and YAML readers, number limits, and
 * the input errors that become problem JSON naming the offending field. Depends on nothing else
 * in Triage.
 */
package io.triage.common;
