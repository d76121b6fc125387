/**
 * Application services the REST API and the pages share, where a use case spans several stages:
 * the life of a rule-set version (submit, try, approve, activate, impact) and what is recorded
 * about it. The adapters in api and web stay thin and wire only these and the stage services
 * (decide, replay, verify the chain, accounts), never the store.
 */
package io.triage.app;
