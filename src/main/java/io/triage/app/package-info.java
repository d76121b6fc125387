/**
 * Application services the REST API and the pages share, where a use case spans several stages
 * (the life of a rule-set version: submit, try, approve, activate, impact). The adapters in api and
 * web stay thin and wire only these and the stage services, never the store.
 */
package io.triage.app;
