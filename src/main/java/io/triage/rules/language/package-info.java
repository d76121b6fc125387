/**
 * The allowlisted rule language: every DRL file is parsed with Drools' own parser and every
 * constraint and action with a Java parser, and only the small language in the README is
 * accepted. Runs before any compile; refusals carry file, line, column and a stable code.
 */
package io.triage.rules.language;
