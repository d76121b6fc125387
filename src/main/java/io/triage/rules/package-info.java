/**
 * Stage 2, the rule set: the files of one version (rules, texts, parameters), compiled into a
 * Drools knowledge base with its catalogue of codes and a pool of sessions, the active version
 * that serves decisions, and the cache of compiled trusted versions (fed their sources through
 * {@link io.triage.rules.TrustedSources}). Untrusted text is checked by rules.language before
 * anything here compiles it.
 */
package io.triage.rules;
