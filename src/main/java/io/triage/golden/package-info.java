/**
 * The golden cases: expected outcomes under test-cases/, parsed and run against a rule set, with
 * rule coverage. Used by the activation gate, the worker and the command line.
 */
package io.triage.golden;
