/**
 * Stage 2, the rule set: the files of one version (rules, texts, parameters), compiled into a
 * Drools knowledge base with its catalogue of codes and a pool of sessions, and the active
 * version that serves decisions. Untrusted text is checked by rules.language before anything
 * here compiles it.
 */
package io.triage.rules;
